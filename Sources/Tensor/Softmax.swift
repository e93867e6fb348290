/// Softmax over the last axis, with the max subtracted for stability.
extension Tensor {
    /// `exp(x - max) / sum(exp(x - max))` along the last axis.
    public func softmax() -> Tensor {
        let c = shape.last ?? 1
        require(rank >= 1, "softmax: needs at least one axis, got shape \(describe(shape))")
        let rows = count / max(c, 1)
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        parallelFor(rows, cost: 8 * c) { r0, r1 in
            for r in r0..<r1 { softmaxRow(x + r * c, y + r * c, c) }
        }
        out.recordBackward([self]) { [self] out in
            let g = out.gradPointer(), gx = gradPointer()
            parallelFor(rows, cost: 4 * c) { r0, r1 in
                for r in r0..<r1 {
                    let yr = y + r * c, gr = g + r * c, gxr = gx + r * c
                    let d = dot(gr, yr, c)
                    for j in 0..<c { gxr[j] += yr[j] * (gr[j] - d) }
                }
            }
        }
        return out
    }
}

/// One softmax row: `y = softmax(x)` over n elements (x and y may alias).
@inline(__always)
func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    let m = vectorMax(x, n)
    shiftedExponentials(x, minus: m, into: y, n)
    let inv = 1 / vectorSum(y, n)
    for j in 0..<n { y[j] *= inv }
}
