/// Embedding lookup: rows of a table gathered by index; the backward pass scatters gradients
/// back into the table, parallel over channels so every row sums in token order.

/// Gathers `table [V, C]` rows for `indices` (row-major, `shape.product` of them) -> `shape + [C]`.
public func embedding(_ table: Tensor, indices: [Int], shape: [Int]) -> Tensor {
    require(table.rank == 2, "embedding: table must be [V, C], got \(describe(table.shape))")
    require(shape.reduce(1, *) == indices.count,
            "embedding: \(indices.count) indices do not fill shape \(describe(shape))")
    let v = table.shape[0], c = table.shape[1]
    for index in indices {
        require(index >= 0 && index < v, "embedding: index \(index) is outside the table of \(v) rows (shape \(describe(table.shape)))")
    }
    let out = Tensor(uninitialized: shape + [c])
    let t = table.pointer, y = out.pointer
    indices.withUnsafeBufferPointer { idx in
        parallelFor(idx.count, cost: c) { n0, n1 in
            for n in n0..<n1 { (y + n * c).update(from: t + idx[n] * c, count: c) }
        }
    }
    out.recordBackward([table]) { out in
        let g = out.gradPointer(), gt = table.gradPointer()
        indices.withUnsafeBufferPointer { idx in
            parallelFor(c, cost: idx.count) { c0, c1 in
                for n in 0..<idx.count {
                    let gr = g + n * c, tr = gt + idx[n] * c
                    for j in c0..<c1 { tr[j] += gr[j] }
                }
            }
        }
    }
    return out
}
