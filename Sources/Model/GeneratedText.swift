/// The answer the model wrote for one image.
public struct GeneratedText: Sendable, Equatable {
    /// Generated token ids, without the final `<eos>`.
    public let tokens: [Int]
    /// The decoded text of `tokens`.
    public let text: String
    /// The model's probability of each token in `tokens` when it chose it.
    public let probabilities: [Float]
    /// Whether the model ended the answer with `<eos>` (false: it hit the token limit).
    public let finished: Bool
    /// The probability of the final `<eos>` (nil when the answer did not finish).
    public let endProbability: Float?
}
