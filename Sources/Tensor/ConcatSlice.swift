/// Joining tensors along an axis and taking a contiguous range of one axis; each is the other's
/// gradient.

/// Concatenates `tensors` along `axis`; all other extents must agree.
public func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
    require(!tensors.isEmpty, "concat: no tensors given")
    let first = tensors[0].shape
    require(axis >= 0 && axis < first.count, "concat: axis \(axis) is out of range for shape \(describe(first))")
    for t in tensors {
        var a = t.shape, b = first
        require(a.count == b.count, "concat: shapes \(describe(first)) and \(describe(t.shape)) differ in rank")
        a[axis] = 0; b[axis] = 0
        require(a == b, "concat: shapes \(describe(first)) and \(describe(t.shape)) differ outside axis \(axis)")
    }
    var shape = first
    shape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
    let outer = first[..<axis].reduce(1, *)
    let rowLength = shape[axis...].reduce(1, *)
    let out = Tensor(uninitialized: shape)
    var start = 0
    for t in tensors {
        let piece = t.count / max(outer, 1)
        copyBlocks(outer: outer, length: piece, from: t.pointer, stride: piece, to: out.pointer + start, stride: rowLength, accumulate: false)
        start += piece
    }
    out.recordBackward(tensors) { out in
        var start = 0
        for t in tensors {
            let piece = t.count / max(outer, 1)
            if t.requiresGrad {
                copyBlocks(outer: outer, length: piece, from: out.gradPointer() + start, stride: rowLength, to: t.gradPointer(), stride: piece, accumulate: true)
            }
            start += piece
        }
    }
    return out
}

extension Tensor {
    /// The elements with index `range` along `axis` (a copy).
    public func sliced(axis: Int, range: Range<Int>) -> Tensor {
        require(axis >= 0 && axis < rank && range.lowerBound >= 0 && range.upperBound <= shape[axis],
                "slice: range \(range) on axis \(axis) is out of bounds for shape \(describe(shape))")
        var outShape = shape
        outShape[axis] = range.count
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        let rowLength = shape[axis] * inner, piece = range.count * inner, start = range.lowerBound * inner
        let out = Tensor(uninitialized: outShape)
        copyBlocks(outer: outer, length: piece, from: pointer + start, stride: rowLength, to: out.pointer, stride: piece, accumulate: false)
        out.recordBackward([self]) { [self] out in
            copyBlocks(outer: outer, length: piece, from: out.gradPointer(), stride: piece, to: gradPointer() + start, stride: rowLength, accumulate: true)
        }
        return out
    }
}

/// Copies (or adds) `outer` blocks of `length` floats between buffers with the given block strides.
private func copyBlocks(outer: Int, length: Int, from source: UnsafePointer<Float>, stride sourceStride: Int,
                        to destination: UnsafeMutablePointer<Float>, stride destinationStride: Int, accumulate: Bool) {
    parallelFor(outer, cost: length) { o0, o1 in
        for o in o0..<o1 {
            let s = source + o * sourceStride, d = destination + o * destinationStride
            if accumulate { for j in 0..<length { d[j] += s[j] } } else { d.update(from: s, count: length) }
        }
    }
}
