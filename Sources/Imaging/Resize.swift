extension RGBImage {
    /// This image resampled to `width` x `height` (see `ResizeMethod`). Separable: a horizontal
    /// pass into a float buffer, then a vertical pass that rounds to the nearest 8-bit value.
    public func resized(width newWidth: Int, height newHeight: Int, method: ResizeMethod = .area) -> RGBImage {
        precondition(newWidth > 0 && newHeight > 0, "resize target must be positive, got \(newWidth)x\(newHeight)")
        if newWidth == width && newHeight == height { return self }
        let xs = ResampleWeights(method: method, from: width, to: newWidth)
        let ys = ResampleWeights(method: method, from: height, to: newHeight)
        let c = channels
        var rows = [Float](repeating: 0, count: height * newWidth * c)
        pixels.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { dst in
                xs.start.withUnsafeBufferPointer { start in
                    xs.weight.withUnsafeBufferPointer { weight in
                        Self.horizontalPass(src, dst, height: height, width: width, newWidth: newWidth,
                                            channels: c, taps: xs.taps, start: start, weight: weight)
                    }
                }
            }
        }
        var out = [UInt8](repeating: 0, count: newHeight * newWidth * c)
        rows.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                ys.start.withUnsafeBufferPointer { start in
                    ys.weight.withUnsafeBufferPointer { weight in
                        Self.verticalPass(src, dst, rowLength: newWidth * c, newHeight: newHeight,
                                          taps: ys.taps, start: start, weight: weight)
                    }
                }
            }
        }
        return RGBImage(width: newWidth, height: newHeight, channels: c, pixels: out)
    }

    private static func horizontalPass(_ src: UnsafeBufferPointer<UInt8>, _ dst: UnsafeMutableBufferPointer<Float>,
                                       height: Int, width: Int, newWidth: Int, channels c: Int, taps: Int,
                                       start: UnsafeBufferPointer<Int>, weight: UnsafeBufferPointer<Float>) {
        for y in 0..<height {
            let inRow = y * width * c, outRow = y * newWidth * c
            for x in 0..<newWidth {
                let s0 = inRow + start[x] * c, w0 = x * taps
                for ch in 0..<c {
                    var sum: Float = 0
                    for t in 0..<taps { sum += weight[w0 + t] * Float(src[s0 + t * c + ch]) }
                    dst[outRow + x * c + ch] = sum
                }
            }
        }
    }

    /// Row by row: each output row is a weighted sum of whole input rows, which vectorises.
    private static func verticalPass(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<UInt8>,
                                     rowLength n: Int, newHeight: Int, taps: Int,
                                     start: UnsafeBufferPointer<Int>, weight: UnsafeBufferPointer<Float>) {
        var acc = [Float](repeating: 0, count: n)
        acc.withUnsafeMutableBufferPointer { acc in
            for y in 0..<newHeight {
                for i in 0..<n { acc[i] = 0 }
                for t in 0..<taps {
                    let w = weight[y * taps + t], row = (start[y] + t) * n
                    if w == 0 { continue }
                    for i in 0..<n { acc[i] += w * src[row + i] }
                }
                let outRow = y * n
                for i in 0..<n { dst[outRow + i] = UInt8(min(max(acc[i] + 0.5, 0), 255)) }
            }
        }
    }
}
