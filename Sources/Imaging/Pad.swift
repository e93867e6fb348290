extension RGBImage {
    /// This image with borders of the given widths (in pixels, each >= 0) filled with `value` in every channel.
    public func padded(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0, value: UInt8 = 0) -> RGBImage {
        precondition(top >= 0 && left >= 0 && bottom >= 0 && right >= 0,
                     "padding must be non-negative, got top \(top), left \(left), bottom \(bottom), right \(right)")
        let w = width + left + right, h = height + top + bottom
        var out = [UInt8](repeating: value, count: w * h * channels)
        let rowBytes = width * channels
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for row in 0..<height {
                    let to = ((top + row) * w + left) * channels
                    for i in 0..<rowBytes { dst[to + i] = src[row * rowBytes + i] }
                }
            }
        }
        return RGBImage(width: w, height: h, channels: channels, pixels: out)
    }
}
