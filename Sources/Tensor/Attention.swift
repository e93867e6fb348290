/// Fused multi-head scaled dot-product attention with a mask, forward and backward in one op
/// each. Heads are slices of the channel axis (`C = heads * D`), so no permute or reshape is
/// needed around it. Work is split over (batch, head) pairs, each owning disjoint output and
/// gradient slices and computed with the same arithmetic whatever the split, so results do not
/// depend on the thread count. Per pair, the products (`Q K^T`, `P V` and the four backward
/// ones) run through `smallGEMM`, skipping keys that the mask hides from a whole row block.

/// Multi-head attention: `query [B, Tq, C]`, `key` and `value [B, Tk, C]` -> `[B, Tq, C]`,
/// `softmax(q k^T / sqrt(D) + mask) v` per head. With `Tq < Tk` the queries are the last `Tq`
/// positions (as when continuing a sequence).
public func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int, mask: AttentionMask) -> Tensor {
    require(query.rank == 3 && key.rank == 3 && key.shape == value.shape && query.shape[0] == key.shape[0]
            && query.shape[2] == key.shape[2] && query.shape[1] <= key.shape[1],
            "attention: query \(describe(query.shape)), key \(describe(key.shape)) and value \(describe(value.shape)) must be [B, Tq, C], [B, Tk, C], [B, Tk, C] with Tq <= Tk")
    let b = query.shape[0], tq = query.shape[1], tk = key.shape[1], c = query.shape[2]
    require(heads > 0 && c % heads == 0, "attention: \(c) channels do not split into \(heads) heads")
    let layout = AttentionLayout(batch: b, queries: tq, keys: tk, channels: c, heads: heads,
                                 keyBatchStride: tk * c, keyHeadStride: c / heads, keyRowStride: c, mask: mask)
    let out = Tensor(uninitialized: query.shape)
    let probabilities = Storage(count: b * heads * tq * tk)
    attentionForward(layout, query.pointer, key.pointer, value.pointer, out.pointer, probabilities.pointer)
    out.recordBackward([query, key, value]) { out in
        attentionBackward(layout, query, key, value, out.gradPointer(), probabilities.pointer)
    }
    return out
}

/// Sizes and strides of one attention call.
struct AttentionLayout {
    let batch: Int, queries: Int, keys: Int, channels: Int, heads: Int
    /// Floats between batch items, heads and positions in the key/value buffers: `[B, Tk, C]`
    /// tensors have `Tk * C`, `D` and `C`; a `KVCache`, stored `[B, H, capacity, D]` so that
    /// one head's keys are contiguous, has `capacity * C`, `capacity * D` and `D`. Backward
    /// runs on tensors only.
    let keyBatchStride: Int, keyHeadStride: Int, keyRowStride: Int
    let mask: AttentionMask
    var headDimension: Int { channels / heads }
    var scale: Float { 1 / Float(headDimension).squareRoot() }
    /// Absolute position of query 0.
    var firstQueryPosition: Int { keys - queries }
    /// Queries handled together, so the mask can skip keys for the whole block.
    static let rowBlock = 16
    /// Calls with at most this many queries (decoding with a KV cache) read keys and values in
    /// place, one query at a time, instead of the blocked products over transposed keys.
    static let directQueryLimit = 2

    /// The last key query `i` may see.
    func lastKey(_ i: Int) -> Int { mask.lastVisibleKey(query: firstQueryPosition + i, keys: keys) }

    /// Keys `0..<n` cover every key visible to queries `rows` (the mask's limit grows with `i`).
    func visibleKeys(_ rows: Range<Int>) -> Int { lastKey(rows.upperBound - 1) + 1 }

    /// Calls `body(pair, scratch)` for every (batch, head) pair in parallel; `scratch` holds
    /// `scratchCount` floats private to the calling thread (allocated before the split, so the
    /// pool sees the same requests every step).
    func forEachPair(scratchCount: Int, cost: Int, _ body: (Int, UnsafeMutablePointer<Float>) -> Void) {
        let pairs = batch * heads
        let scratch = Storage(count: chunkCount(pairs, cost: cost) * scratchCount)
        parallelChunks(pairs, cost: cost) { chunk, p0, p1 in
            for pair in p0..<p1 { body(pair, scratch.pointer + chunk * scratchCount) }
        }
    }
}

/// Writes the attention output and the probabilities `[B, H, Tq, Tk]` (zero where masked).
func attentionForward(_ l: AttentionLayout, _ q: UnsafePointer<Float>, _ k: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
                      _ out: UnsafeMutablePointer<Float>, _ probabilities: UnsafeMutablePointer<Float>) {
    let c = l.channels, d = l.headDimension, tq = l.queries, tk = l.keys, scale = l.scale
    let direct = tq <= AttentionLayout.directQueryLimit
    // A direct call does a few thousand flops per pair: split it over threads only for many pairs.
    l.forEachPair(scratchCount: direct ? 0 : d * tk, cost: (direct ? 1 : 4) * tq * tk * d) { pair, keysTransposed in
        let bi = pair / l.heads, h = pair % l.heads
        let qh = q + bi * tq * c + h * d, oh = out + bi * tq * c + h * d
        let kh = k + bi * l.keyBatchStride + h * l.keyHeadStride, vh = v + bi * l.keyBatchStride + h * l.keyHeadStride
        let p = probabilities + pair * tq * tk
        if direct {
            for i in 0..<tq { attendOneQuery(l, qh + i * c, kh, vh, oh + i * c, p + i * tk, query: i) }
            return
        }
        transpose(kh, rows: tk, columns: d, ld: l.keyRowStride, into: keysTransposed)
        var start = 0
        while start < tq {
            let rows = start..<min(start + AttentionLayout.rowBlock, tq)
            let n = l.visibleKeys(rows)
            smallGEMM(m: rows.count, n: n, k: d, qh + start * c, lda: c, keysTransposed, ldb: tk, p + start * tk, ldc: tk, accumulate: false)
            for i in rows {
                let row = p + i * tk, last = l.lastKey(i)
                for j in 0...last { row[j] *= scale }
                softmaxRow(row, row, last + 1)
                if last + 1 < tk { (row + last + 1).update(repeating: 0, count: tk - last - 1) }
            }
            smallGEMM(m: rows.count, n: d, k: n, p + start * tk, lda: tk, vh, ldb: l.keyRowStride, oh + start * c, ldc: c, accumulate: false)
            start = rows.upperBound
        }
    }
}

/// One query row of one head against the keys and values it may see, read in place (no
/// transposed copy of the keys, which for one query would cost as much as the products):
/// scores, masked softmax into `probabilities [Tk]`, and the weighted sum of values.
@inline(__always)
private func attendOneQuery(_ l: AttentionLayout, _ q: UnsafePointer<Float>, _ k: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
                            _ out: UnsafeMutablePointer<Float>, _ probabilities: UnsafeMutablePointer<Float>, query i: Int) {
    let stride = l.keyRowStride, d = l.headDimension, tk = l.keys, scale = l.scale, last = l.lastKey(i)
    for j in 0...last { probabilities[j] = dot(q, k + j * stride, d) * scale }
    softmaxRow(probabilities, probabilities, last + 1)
    if last + 1 < tk { (probabilities + last + 1).update(repeating: 0, count: tk - last - 1) }
    out.update(repeating: 0, count: d)
    for j in 0...last {
        let weight = probabilities[j], row = v + j * stride
        for e in 0..<d { out[e] += weight * row[e] }
    }
}

/// Adds the gradients of query, key and value given the output gradient.
func attentionBackward(_ l: AttentionLayout, _ query: Tensor, _ key: Tensor, _ value: Tensor,
                       _ gradOut: UnsafePointer<Float>, _ probabilities: UnsafePointer<Float>) {
    let c = l.channels, d = l.headDimension, tq = l.queries, tk = l.keys, scale = l.scale
    let q = query.pointer, k = key.pointer, v = value.pointer
    let gq = query.requiresGrad ? query.gradPointer() : nil
    let gk = key.requiresGrad ? key.gradPointer() : nil
    let gv = value.requiresGrad ? value.gradPointer() : nil
    // Scratch per thread: V^T [D, Tk], dS [Tq, Tk], and a transpose buffer [Tk, Tq].
    l.forEachPair(scratchCount: d * tk + 2 * tq * tk, cost: 8 * tq * tk * d) { pair, scratch in
        let valuesTransposed = scratch, dS = scratch + d * tk, transposed = dS + tq * tk
        let bi = pair / l.heads, h = pair % l.heads
        let rowOffset = bi * tq * c + h * d, keyOffset = bi * l.keyBatchStride + h * d
        let p = probabilities + pair * tq * tk, gOut = gradOut + rowOffset
        transpose(v + keyOffset, rows: tk, columns: d, ld: c, into: valuesTransposed)
        var start = 0
        while start < tq {
            let rows = start..<min(start + AttentionLayout.rowBlock, tq)
            let n = l.visibleKeys(rows)
            // dP = dO V^T, then dS = P * (dP - rowsum(P * dP)) * scale.
            smallGEMM(m: rows.count, n: n, k: d, gOut + start * c, lda: c, valuesTransposed, ldb: tk, dS + start * tk, ldc: tk, accumulate: false)
            for i in rows {
                let row = dS + i * tk, pr = p + i * tk, last = l.lastKey(i)
                let weighted = dot(row, pr, last + 1)
                for j in 0...last { row[j] = pr[j] * (row[j] - weighted) * scale }
                if last + 1 < tk { (row + last + 1).update(repeating: 0, count: tk - last - 1) }
            }
            if let gq {
                smallGEMM(m: rows.count, n: d, k: n, dS + start * tk, lda: tk, k + keyOffset, ldb: c, gq + rowOffset + start * c, ldc: c, accumulate: true)
            }
            start = rows.upperBound
        }
        if let gk {  // dK = dS^T Q
            transpose(dS, rows: tq, columns: tk, ld: tk, into: transposed)
            smallGEMM(m: tk, n: d, k: tq, transposed, lda: tq, q + rowOffset, ldb: c, gk + keyOffset, ldc: c, accumulate: true)
        }
        if let gv {  // dV = P^T dO
            transpose(p, rows: tq, columns: tk, ld: tk, into: transposed)
            smallGEMM(m: tk, n: d, k: tq, transposed, lda: tq, gOut, ldb: c, gv + keyOffset, ldc: c, accumulate: true)
        }
    }
}
