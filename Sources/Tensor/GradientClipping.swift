/// Global-norm gradient clipping: if the L2 norm of all gradients together exceeds `maxNorm`,
/// every gradient is scaled by `maxNorm / norm`. Returns the norm before clipping. The norm is
/// summed per parameter in fixed blocks, in order, so it is deterministic.
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    require(maxNorm > 0, "clipGradientNorm: maxNorm must be positive, got \(maxNorm)")
    var squares: Double = 0
    for p in parameters {
        guard let g = p.gradStorage?.pointer else { continue }
        var start = 0
        while start < p.count {
            let n = min(4096, p.count - start)
            squares += Double(dot(g + start, g + start, n))
            start += n
        }
    }
    let norm = Float(squares.squareRoot())
    if norm > maxNorm {
        let factor = maxNorm / (norm + 1e-6)
        for p in parameters {
            guard let g = p.gradStorage?.pointer else { continue }
            parallelFor(p.count) { i0, i1 in for i in i0..<i1 { g[i] *= factor } }
        }
    }
    return norm
}
