extension RGBImage {
    /// The pixels as planar floats, channel by channel (C x H x W, row-major), each channel
    /// mapped by `(v / 255 - mean[c]) / std[c]`: the input layout of the vision encoder.
    public func normalizedCHW(mean: [Float], std: [Float]) -> [Float] {
        precondition(mean.count == channels && std.count == channels,
                     "mean (\(mean.count)) and std (\(std.count)) need one value per channel (\(channels))")
        precondition(std.allSatisfy { $0 > 0 }, "std must be positive, got \(std)")
        let plane = width * height, c = channels
        var out = [Float](repeating: 0, count: plane * c)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for ch in 0..<c {
                    let scale = 1 / (255 * std[ch]), shift = mean[ch] / std[ch]
                    for i in 0..<plane { dst[ch * plane + i] = Float(src[i * c + ch]) * scale - shift }
                }
            }
        }
        return out
    }
}
