import Randomness
import Tensor

/// The language model: token embeddings (tied with the output head), one learned position per
/// decoder position, transformer blocks under the prefix-LM mask, a final norm.
struct LanguageDecoder {
    let imageTokens: Int
    let tokenEmbedding: Tensor
    let positionEmbedding: Tensor
    let blocks: [TransformerBlock]
    let norm: LayerNorm

    init(_ store: ParameterStore, config c: VLMConfig) {
        imageTokens = c.imageTokens
        tokenEmbedding = store.normal("decoder.token_embedding", [c.vocabularySize, c.decoderWidth], standardDeviation: 0.02, decays: false)
        positionEmbedding = store.normal("decoder.position_embedding", [c.maxSequenceLength, c.decoderWidth], standardDeviation: 0.02, decays: false)
        blocks = (0..<c.decoderLayers).map {
            TransformerBlock(store, "decoder.blocks.\($0)", width: c.decoderWidth, heads: c.decoderHeads, mlpRatio: c.mlpRatio,
                             depth: c.decoderLayers, dropout: c.dropout)
        }
        norm = LayerNorm(store, "decoder.norm", width: c.decoderWidth)
    }

    /// The input of a whole sequence, `[B, I + T, C]`: the projected image tokens `[B, I, C]`
    /// followed by the embeddings of `text` (`B x T` ids), plus the position embeddings.
    func embedSequence(image: Tensor, text: [Int], textLength t: Int) -> Tensor {
        let b = image.shape[0], length = imageTokens + t
        let words = embedding(tokenEmbedding, indices: text, shape: [b, t])
        return concat([image, words], axis: 1) + embedding(positionEmbedding, indices: Array(0..<length), shape: [length])
    }

    /// The input of one new token per sequence at decoder position `position`: `[B, 1, C]`.
    func embedStep(tokens: [Int], position: Int) -> Tensor {
        embedding(tokenEmbedding, indices: tokens, shape: [tokens.count, 1])
            + embedding(positionEmbedding, indices: [position], shape: [1])
    }

    /// Runs the blocks and the final norm over `x [B, T, C]`. `caches` (one per block) turn on
    /// incremental decoding; `generator` is non-nil while training.
    func callAsFunction(_ x: Tensor, mask: AttentionMask, caches: [KVCache]? = nil, generator: inout SeededGenerator?) -> Tensor {
        var h = x
        for (index, block) in blocks.enumerated() {
            h = block(h, mask: mask, cache: caches?[index], generator: &generator)
        }
        return norm(h)
    }

    /// Next-token logits `[..., V]` from normalised hidden states `[..., C]` (tied head).
    func logits(_ hidden: Tensor) -> Tensor { linear(hidden, weight: tokenEmbedding) }
}
