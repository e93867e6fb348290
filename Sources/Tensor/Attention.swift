/// Fused multi-head scaled dot-product attention with a mask, forward and backward in one op
/// each. Heads are slices of the channel axis (`C = heads * D`), so no permute or reshape is
/// needed around it. Work is split over (batch, head) pairs, each owning disjoint output and
/// gradient slices, so results do not depend on the thread count.

/// Multi-head attention: `query [B, Tq, C]`, `key` and `value [B, Tk, C]` -> `[B, Tq, C]`,
/// `softmax(q k^T / sqrt(D) + mask) v` per head. With `Tq < Tk` the queries are the last `Tq`
/// positions (as when continuing a sequence).
public func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int, mask: AttentionMask) -> Tensor {
    require(query.rank == 3 && key.rank == 3 && key.shape == value.shape && query.shape[0] == key.shape[0]
            && query.shape[2] == key.shape[2] && query.shape[1] <= key.shape[1],
            "attention: query \(describe(query.shape)), key \(describe(key.shape)) and value \(describe(value.shape)) must be [B, Tq, C], [B, Tk, C], [B, Tk, C] with Tq <= Tk")
    let b = query.shape[0], tq = query.shape[1], tk = key.shape[1], c = query.shape[2]
    require(heads > 0 && c % heads == 0, "attention: \(c) channels do not split into \(heads) heads")
    let layout = AttentionLayout(batch: b, queries: tq, keys: tk, channels: c, heads: heads, keyBatchStride: tk * c, mask: mask)
    let out = Tensor(uninitialized: query.shape)
    let probabilities = Storage(count: b * heads * tq * tk)
    attentionForward(layout, query.pointer, key.pointer, value.pointer, out.pointer, probabilities.pointer)
    out.recordBackward([query, key, value]) { out in
        let scratch = Storage(count: b * heads * tk)
        attentionBackward(layout, query, key, value, out.gradPointer(), probabilities.pointer, scratch.pointer)
    }
    return out
}

/// Sizes and strides of one attention call.
struct AttentionLayout {
    let batch: Int, queries: Int, keys: Int, channels: Int, heads: Int
    /// Floats between batch items in the key/value buffers (`keys * C`, or `capacity * C` in a cache).
    let keyBatchStride: Int
    let mask: AttentionMask
    var headDimension: Int { channels / heads }
    var scale: Float { 1 / Float(headDimension).squareRoot() }
    /// Absolute position of query 0.
    var firstQueryPosition: Int { keys - queries }
}

/// Writes the attention output and the probabilities `[B, H, Tq, Tk]` (entries past each row's
/// last visible key are left unset).
func attentionForward(_ l: AttentionLayout, _ q: UnsafePointer<Float>, _ k: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
                      _ out: UnsafeMutablePointer<Float>, _ probabilities: UnsafeMutablePointer<Float>) {
    let c = l.channels, d = l.headDimension, scale = l.scale
    parallelFor(l.batch * l.heads, cost: l.queries * l.keys * d) { p0, p1 in
        for pair in p0..<p1 {
            let bi = pair / l.heads, h = pair % l.heads
            let kb = k + bi * l.keyBatchStride + h * d, vb = v + bi * l.keyBatchStride + h * d
            for i in 0..<l.queries {
                let qi = q + (bi * l.queries + i) * c + h * d
                let oi = out + (bi * l.queries + i) * c + h * d
                let row = probabilities + (pair * l.queries + i) * l.keys
                let last = l.mask.lastVisibleKey(query: l.firstQueryPosition + i, keys: l.keys)
                for j in 0...last { row[j] = dot(qi, kb + j * c, d) * scale }
                softmaxRow(row, row, last + 1)
                oi.update(repeating: 0, count: d)
                for j in 0...last { axpy(row[j], vb + j * c, oi, d) }
            }
        }
    }
}

/// Adds the gradients of query, key and value given the output gradient.
func attentionBackward(_ l: AttentionLayout, _ query: Tensor, _ key: Tensor, _ value: Tensor,
                       _ gradOut: UnsafePointer<Float>, _ probabilities: UnsafePointer<Float>, _ scratch: UnsafeMutablePointer<Float>) {
    let c = l.channels, d = l.headDimension, scale = l.scale
    let q = query.pointer, k = key.pointer, v = value.pointer
    let gq = query.requiresGrad ? query.gradPointer() : nil
    let gk = key.requiresGrad ? key.gradPointer() : nil
    let gv = value.requiresGrad ? value.gradPointer() : nil
    parallelFor(l.batch * l.heads, cost: 2 * l.queries * l.keys * d) { p0, p1 in
        for pair in p0..<p1 {
            let bi = pair / l.heads, h = pair % l.heads
            let headOffset = bi * l.keyBatchStride + h * d
            let dScores = scratch + pair * l.keys
            for i in 0..<l.queries {
                let rowOffset = (bi * l.queries + i) * c + h * d
                let gi = gradOut + rowOffset
                let row = probabilities + (pair * l.queries + i) * l.keys
                let last = l.mask.lastVisibleKey(query: l.firstQueryPosition + i, keys: l.keys)
                var weighted: Float = 0
                for j in 0...last {
                    let dp = dot(gi, v + headOffset + j * c, d)
                    dScores[j] = dp
                    weighted += dp * row[j]
                }
                for j in 0...last { dScores[j] = row[j] * (dScores[j] - weighted) * scale }
                if let gv { for j in 0...last { axpy(row[j], gi, gv + headOffset + j * c, d) } }
                if let gq { for j in 0...last { axpy(dScores[j], k + headOffset + j * c, gq + rowOffset, d) } }
                if let gk { for j in 0...last { axpy(dScores[j], q + rowOffset, gk + headOffset + j * c, d) } }
            }
        }
    }
}
