import Tensor

/// Multi-head self-attention: query, key and value projections, the engine's fused masked
/// attention (heads are slices of the channel axis), and an output projection.
struct SelfAttention {
    let query: Linear
    let key: Linear
    let value: Linear
    let output: Linear
    let heads: Int

    /// `residualDeviation` initialises the output projection (scaled down with depth, as in GPT-2).
    init(_ store: ParameterStore, _ name: String, width: Int, heads: Int, residualDeviation: Float) {
        query = Linear(store, name + ".query", inputs: width, outputs: width)
        key = Linear(store, name + ".key", inputs: width, outputs: width)
        value = Linear(store, name + ".value", inputs: width, outputs: width)
        output = Linear(store, name + ".output", inputs: width, outputs: width, standardDeviation: residualDeviation)
        self.heads = heads
    }

    /// `x [B, T, C]` -> `[B, T, C]`. With a cache, `x` holds the positions that follow the cached
    /// ones; their keys and values are appended to it (inference only).
    func callAsFunction(_ x: Tensor, mask: AttentionMask, cache: KVCache?) -> Tensor {
        let q = query(x), k = key(x), v = value(x)
        let mixed = cache.map { $0.attend(query: q, key: k, value: v, heads: heads, mask: mask) }
            ?? attention(query: q, key: k, value: v, heads: heads, mask: mask)
        return output(mixed)
    }
}
