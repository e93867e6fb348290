/// LayerNorm and RMSNorm over the last axis, fused: one pass forward (saving the per-row
/// statistics) and one pass backward, parallel over rows for the input gradient and over
/// channels for the weight and bias gradients (fixed summation order).

/// LayerNorm: `(x - mean) / sqrt(var + epsilon) * weight + bias` over the last axis `C`.
public func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float = 1e-5) -> Tensor {
    let c = x.shape.last ?? 0
    require(x.rank >= 1 && weight.shape == [c] && bias.shape == [c],
            "layerNorm: input \(describe(x.shape)) needs weight and bias of shape [\(c)], got \(describe(weight.shape)) and \(describe(bias.shape))")
    let rows = x.count / max(c, 1)
    let out = Tensor(uninitialized: x.shape)
    let stats = Storage(count: 2 * rows)  // mean, then 1/std, per row
    let xp = x.pointer, yp = out.pointer, w = weight.pointer, b = bias.pointer, mean = stats.pointer, rstd = stats.pointer + rows
    parallelFor(rows, cost: 4 * c) { r0, r1 in
        for r in r0..<r1 {
            let xr = xp + r * c, yr = yp + r * c
            let m = vectorSum(xr, c) / Float(c)
            for j in 0..<c { yr[j] = xr[j] - m }
            let s = 1 / (dot(yr, yr, c) / Float(c) + epsilon).squareRoot()
            for j in 0..<c { yr[j] = yr[j] * s * w[j] + b[j] }
            mean[r] = m
            rstd[r] = s
        }
    }
    out.recordBackward([x, weight, bias]) { out in
        let g = out.gradPointer()
        if x.requiresGrad {
            let gx = x.gradPointer()
            parallelFor(rows, cost: 6 * c) { r0, r1 in
                for r in r0..<r1 {
                    let xr = xp + r * c, gr = g + r * c, gxr = gx + r * c
                    let m = mean[r], s = rstd[r]
                    let sumDn = dot(gr, w, c)
                    let sumDnX = dot3(gr, w, xr, c)
                    let meanDn = sumDn / Float(c)
                    let meanDnXhat = s * (sumDnX - m * sumDn) / Float(c)
                    for j in 0..<c {
                        let xhat = (xr[j] - m) * s
                        gxr[j] += s * (gr[j] * w[j] - meanDn - xhat * meanDnXhat)
                    }
                }
            }
        }
        if weight.requiresGrad || bias.requiresGrad {
            let gw = weight.gradPointer(), gb = bias.gradPointer()
            parallelFor(c, cost: 2 * rows) { j0, j1 in
                for r in 0..<rows {
                    let xr = xp + r * c, gr = g + r * c
                    let m = mean[r], s = rstd[r]
                    for j in j0..<j1 {
                        gw[j] += gr[j] * (xr[j] - m) * s
                        gb[j] += gr[j]
                    }
                }
            }
        }
        _ = stats
    }
    return out
}

/// RMSNorm: `x / sqrt(mean(x^2) + epsilon) * weight` over the last axis `C`.
public func rmsNorm(_ x: Tensor, weight: Tensor, epsilon: Float = 1e-6) -> Tensor {
    let c = x.shape.last ?? 0
    require(x.rank >= 1 && weight.shape == [c],
            "rmsNorm: input \(describe(x.shape)) needs weight of shape [\(c)], got \(describe(weight.shape))")
    let rows = x.count / max(c, 1)
    let out = Tensor(uninitialized: x.shape)
    let stats = Storage(count: rows)  // 1/rms per row
    let xp = x.pointer, yp = out.pointer, w = weight.pointer, rrms = stats.pointer
    parallelFor(rows, cost: 3 * c) { r0, r1 in
        for r in r0..<r1 {
            let xr = xp + r * c, yr = yp + r * c
            let s = 1 / (dot(xr, xr, c) / Float(c) + epsilon).squareRoot()
            for j in 0..<c { yr[j] = xr[j] * s * w[j] }
            rrms[r] = s
        }
    }
    out.recordBackward([x, weight]) { out in
        let g = out.gradPointer()
        if x.requiresGrad {
            let gx = x.gradPointer()
            parallelFor(rows, cost: 4 * c) { r0, r1 in
                for r in r0..<r1 {
                    let xr = xp + r * c, gr = g + r * c, gxr = gx + r * c
                    let s = rrms[r]
                    let k = s * s * s * dot3(gr, w, xr, c) / Float(c)
                    for j in 0..<c { gxr[j] += s * gr[j] * w[j] - k * xr[j] }
                }
            }
        }
        if weight.requiresGrad {
            let gw = weight.gradPointer()
            parallelFor(c, cost: rows) { j0, j1 in
                for r in 0..<rows {
                    let xr = xp + r * c, gr = g + r * c, s = rrms[r]
                    for j in j0..<j1 { gw[j] += gr[j] * xr[j] * s }
                }
            }
        }
        _ = stats
    }
    return out
}
