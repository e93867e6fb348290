/// Full reductions to a scalar. The sum adds fixed blocks in float and the block totals in
/// double, in index order, so it is deterministic and accurate.
extension Tensor {
    /// Sum of all elements, shape `[]`.
    public func sum() -> Tensor { reduced(scale: 1) }

    /// Mean of all elements, shape `[]`.
    public func mean() -> Tensor {
        require(count > 0, "mean: tensor of shape \(describe(shape)) is empty")
        return reduced(scale: 1 / Float(count))
    }

    private func reduced(scale: Float) -> Tensor {
        let block = 4096
        var total: Double = 0
        var start = 0
        while start < count {
            total += Double(vectorSum(pointer + start, min(block, count - start)))
            start += block
        }
        let out = Tensor(Float(total) * scale)
        out.recordBackward([self]) { [self] out in
            let g = out.gradPointer()[0] * scale
            let gx = gradPointer()
            parallelFor(count) { i0, i1 in for i in i0..<i1 { gx[i] += g } }
        }
        return out
    }
}
