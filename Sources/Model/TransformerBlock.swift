import Randomness
import Tensor

/// A pre-norm transformer block: `x + attention(norm(x))`, then `x + mlp(norm(x))`, with
/// dropout on each residual branch while training. Shared by the encoder and the decoder, which
/// differ only in the mask.
struct TransformerBlock {
    let attentionNorm: LayerNorm
    let attention: SelfAttention
    let mlpNorm: LayerNorm
    let mlp: FeedForward
    let dropout: Dropout

    init(_ store: ParameterStore, _ name: String, width: Int, heads: Int, mlpRatio: Int, depth: Int, dropout: Float) {
        let residualDeviation = 0.02 / Float(2 * depth).squareRoot()
        attentionNorm = LayerNorm(store, name + ".attention_norm", width: width)
        attention = SelfAttention(store, name + ".attention", width: width, heads: heads, residualDeviation: residualDeviation)
        mlpNorm = LayerNorm(store, name + ".mlp_norm", width: width)
        mlp = FeedForward(store, name + ".mlp", width: width, hidden: mlpRatio * width, residualDeviation: residualDeviation)
        self.dropout = Dropout(rate: dropout)
    }

    /// `x [B, T, C]` -> `[B, T, C]`. `generator` is non-nil while training (it drives dropout).
    func callAsFunction(_ x: Tensor, mask: AttentionMask, cache: KVCache? = nil, generator: inout SeededGenerator?) -> Tensor {
        let h = x + dropout(attention(attentionNorm(x), mask: mask, cache: cache), generator: &generator)
        return h + dropout(mlp(mlpNorm(h)), generator: &generator)
    }
}
