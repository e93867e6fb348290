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
    /// Probability of zeroing a value of a residual branch while training.
    let dropoutProbability: Float

    init(_ store: ParameterStore, _ name: String, width: Int, heads: Int, mlpRatio: Int, depth: Int, dropout: Float) {
        let residualDeviation = 0.02 / Float(2 * depth).squareRoot()
        attentionNorm = LayerNorm(store, name + ".attention_norm", width: width)
        attention = SelfAttention(store, name + ".attention", width: width, heads: heads, residualDeviation: residualDeviation)
        mlpNorm = LayerNorm(store, name + ".mlp_norm", width: width)
        mlp = FeedForward(store, name + ".mlp", width: width, hidden: mlpRatio * width, residualDeviation: residualDeviation)
        dropoutProbability = dropout
    }

    /// `x [B, T, C]` -> `[B, T, C]`. `generator` is non-nil while training (it drives dropout).
    func callAsFunction(_ x: Tensor, mask: AttentionMask, cache: KVCache? = nil, generator: inout SeededGenerator?) -> Tensor {
        let h = x + regularised(attention(attentionNorm(x), mask: mask, cache: cache), generator: &generator)
        return h + regularised(mlp(mlpNorm(h)), generator: &generator)
    }

    /// Dropout on a residual branch while training (a generator is given and the rate is not 0).
    private func regularised(_ branch: Tensor, generator: inout SeededGenerator?) -> Tensor {
        guard dropoutProbability > 0, generator != nil else { return branch }
        return dropout(branch, probability: dropoutProbability, generator: &generator!)
    }
}
