/// Axis permutation (a copy into the new order); its gradient is the inverse permutation.
extension Tensor {
    /// Reorders the axes: result axis `i` is input axis `axes[i]` (e.g. `[0, 2, 1]` swaps the last two).
    public func permuted(_ axes: [Int]) -> Tensor {
        require(axes.count == rank && Set(axes) == Set(0..<rank),
                "permute: \(axes) is not a permutation of the \(rank) axes of \(describe(shape))")
        let outShape = axes.map { shape[$0] }
        let inStrides = contiguousStrides(shape)
        let out = Tensor(uninitialized: outShape)
        stridedCopy(shape: outShape, from: pointer, strides: axes.map { inStrides[$0] }, to: out.pointer, accumulate: false)
        out.recordBackward([self]) { [self] out in
            var inverse = [Int](repeating: 0, count: axes.count)
            for (i, a) in axes.enumerated() { inverse[a] = i }
            let outStrides = contiguousStrides(outShape)
            stridedCopy(shape: shape, from: out.gradPointer(), strides: inverse.map { outStrides[$0] }, to: gradPointer(), accumulate: true)
        }
        return out
    }
}

/// Row-major strides of a contiguous tensor.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) { strides[i] = s; s *= shape[i] }
    return strides
}

/// Writes (or adds) the elements `source[sum(index * strides)]` into a contiguous `shape`,
/// parallel over the outermost axis.
func stridedCopy(shape: [Int], from source: UnsafePointer<Float>, strides: [Int], to destination: UnsafeMutablePointer<Float>, accumulate: Bool) {
    let count = shape.reduce(1, *)
    guard count > 0 else { return }
    guard shape.count > 1 else {
        for i in 0..<count { destination[i] = (accumulate ? destination[i] : 0) + source[i * (strides.first ?? 0)] }
        return
    }
    let rank = shape.count, inner = shape[rank - 1], innerStride = strides[rank - 1]
    let perOuter = count / shape[0]
    parallelFor(shape[0], cost: perOuter) { o0, o1 in
        var index = [Int](repeating: 0, count: rank - 1)
        for o in o0..<o1 {
            index[0] = o
            for a in 1..<(rank - 1) { index[a] = 0 }
            var offset = o * strides[0]
            var written = o * perOuter
            let runs = perOuter / inner
            for _ in 0..<runs {
                let dst = destination + written
                if accumulate { for j in 0..<inner { dst[j] += source[offset + j * innerStride] } } else { for j in 0..<inner { dst[j] = source[offset + j * innerStride] } }
                written += inner
                var axis = rank - 2
                while axis >= 1 {
                    index[axis] += 1
                    offset += strides[axis]
                    if index[axis] < shape[axis] { break }
                    offset -= strides[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}
