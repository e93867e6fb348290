extension RGBImage {
    /// The `width` x `height` rectangle whose top-left pixel is (`x`, `y`); it must lie inside the image.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> RGBImage {
        precondition(w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= width && y + h <= height,
                     "crop \(w)x\(h) at (\(x), \(y)) does not fit in a \(width)x\(height) image")
        var out = [UInt8](repeating: 0, count: w * h * channels)
        let rowBytes = w * channels
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for row in 0..<h {
                    let from = ((y + row) * width + x) * channels
                    for i in 0..<rowBytes { dst[row * rowBytes + i] = src[from + i] }
                }
            }
        }
        return RGBImage(width: w, height: h, channels: channels, pixels: out)
    }
}
