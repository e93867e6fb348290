import Randomness

/// Inverted dropout: each element is zeroed with probability `probability` and the survivors are
/// scaled by `1 / (1 - probability)`, so evaluation needs no rescaling (call it only in training).
/// The mask is drawn from `generator` in element order, so a seed fixes it.
public func dropout(_ x: Tensor, probability: Float, generator: inout SeededGenerator) -> Tensor {
    require(probability >= 0 && probability < 1, "dropout: probability \(probability) must be in [0, 1)")
    if probability == 0 { return x }
    let maskStorage = Storage(count: x.count)
    let mask = maskStorage.pointer, keep = 1 / (1 - probability)
    for i in 0..<x.count { mask[i] = generator.nextFloat() < probability ? 0 : keep }
    let out = Tensor(uninitialized: x.shape)
    let xp = x.pointer, y = out.pointer
    parallelFor(x.count) { i0, i1 in for i in i0..<i1 { y[i] = xp[i] * mask[i] } }
    out.recordBackward([x]) { out in
        let g = out.gradPointer(), gx = x.gradPointer()
        parallelFor(x.count) { i0, i1 in for i in i0..<i1 { gx[i] += g[i] * mask[i] } }
        _ = maskStorage
    }
    return out
}
