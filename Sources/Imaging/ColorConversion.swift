extension RGBImage {
    /// One channel of ITU-R BT.601 luma, `Y = 0.299 R + 0.587 G + 0.114 B` rounded; a gray
    /// image is returned as it is.
    public func grayscale() -> RGBImage {
        if channels == 1 { return self }
        var out = [UInt8](repeating: 0, count: width * height)
        let count = width * height
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<count {
                    // Integer weights (sum 1000) keep R = G = B exactly at its value.
                    let y = 299 * Int(src[3 * i]) + 587 * Int(src[3 * i + 1]) + 114 * Int(src[3 * i + 2])
                    dst[i] = UInt8((y + 500) / 1000)
                }
            }
        }
        return RGBImage(width: width, height: height, channels: 1, pixels: out)
    }

    /// Three channels; a gray value is copied to R, G and B. An RGB image is returned as it is.
    public func rgb() -> RGBImage {
        if channels == 3 { return self }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let count = width * height
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<count {
                    let v = src[i]
                    dst[3 * i] = v; dst[3 * i + 1] = v; dst[3 * i + 2] = v
                }
            }
        }
        return RGBImage(width: width, height: height, channels: 3, pixels: out)
    }
}
