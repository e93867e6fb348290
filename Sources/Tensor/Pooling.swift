/// Average and max pooling over `[B, C, H, W]` without padding, parallel over channel planes.

/// Mean over each `kernel x kernel` window, windows `stride` apart -> `[B, C, Ho, Wo]`.
public func avgPool2d(_ x: Tensor, kernel: Int, stride: Int? = nil) -> Tensor {
    pool(x, kernel: kernel, stride: stride ?? kernel, isMax: false)
}

/// Maximum over each `kernel x kernel` window, windows `stride` apart -> `[B, C, Ho, Wo]`; the
/// gradient goes to the first maximal element of each window.
public func maxPool2d(_ x: Tensor, kernel: Int, stride: Int? = nil) -> Tensor {
    pool(x, kernel: kernel, stride: stride ?? kernel, isMax: true)
}

private func pool(_ x: Tensor, kernel: Int, stride: Int, isMax: Bool) -> Tensor {
    let name = isMax ? "maxPool2d" : "avgPool2d"
    require(x.rank == 4, "\(name): input must be [B, C, H, W], got \(describe(x.shape))")
    require(kernel >= 1 && stride >= 1 && kernel <= x.shape[2] && kernel <= x.shape[3],
            "\(name): kernel \(kernel) and stride \(stride) do not fit input \(describe(x.shape))")
    let planes = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3]
    let ho = (h - kernel) / stride + 1, wo = (w - kernel) / stride + 1
    let out = Tensor(uninitialized: [x.shape[0], x.shape[1], ho, wo])
    let winners = isMax ? Storage(count: planes * ho * wo) : nil  // index within the plane, as Int32 bits
    let xp = x.pointer, yp = out.pointer, scale = 1 / Float(kernel * kernel)
    parallelFor(planes, cost: h * w) { p0, p1 in
        for p in p0..<p1 {
            let plane = xp + p * h * w
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var best = -Float.infinity, bestIndex = 0, total: Float = 0
                    for ky in 0..<kernel {
                        for kx in 0..<kernel {
                            let index = (oy * stride + ky) * w + ox * stride + kx
                            let value = plane[index]
                            total += value
                            if value > best { best = value; bestIndex = index }
                        }
                    }
                    let o = (p * ho + oy) * wo + ox
                    if let winners {
                        yp[o] = best
                        winners.pointer[o] = Float(bitPattern: UInt32(bestIndex))
                    } else {
                        yp[o] = total * scale
                    }
                }
            }
        }
    }
    out.recordBackward([x]) { out in
        let g = out.gradPointer(), gx = x.gradPointer()
        parallelFor(planes, cost: h * w) { p0, p1 in
            for p in p0..<p1 {
                let plane = gx + p * h * w
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        let o = (p * ho + oy) * wo + ox
                        if let winners {
                            plane[Int(winners.pointer[o].bitPattern)] += g[o]
                        } else {
                            for ky in 0..<kernel {
                                for kx in 0..<kernel { plane[(oy * stride + ky) * w + ox * stride + kx] += g[o] * scale }
                            }
                        }
                    }
                }
            }
        }
    }
    return out
}
