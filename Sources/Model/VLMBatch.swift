/// A batch in the layout the model trains on.
///
/// Each row of `tokens` is the text part of one sequence, `T` ids: the prompt slot
/// (`<bos>`, the prompt, `<pad>` up to `promptLength`), then the answer, its `<eos>`, and `<pad>`
/// up to the longest answer of the batch. `lossWeights` has one weight per token: the weight of
/// predicting that token from the ones before it; 0 for every token that is not part of an
/// answer. The image tokens come first in the decoder and are not part of `tokens`.
///
/// The prefix (full attention) is the image tokens plus the prompt slot, `VLMConfig.prefixLength`
/// positions for every sample: a fixed slot makes the model's output independent of how samples
/// are batched, at training and at inference alike.
public struct VLMBatch: Sendable {
    /// Number of samples `B`.
    public let size: Int
    /// Text positions per sample `T`.
    public let textLength: Int
    /// Index in a row of `tokens` where the answers start (`promptLength`).
    public let answerStart: Int
    /// `B` normalised CHW images, back to back.
    public let images: [Float]
    /// `B x T` token ids, row-major.
    public let tokens: [Int]
    /// `B x T` loss weights, row-major.
    public let lossWeights: [Float]
    /// `B x patchCount` part-map classes, row-major (`ignoredPart` for the patches of samples
    /// without targets); nil when no sample has any.
    public let partTargets: [Int]?

    /// The part-map target of a patch that trains nothing.
    public static let ignoredPart = -100

    /// Lays out `samples` for `config`. With `appendEnd: false` no `<eos>` follows the answers
    /// (to score or continue a partial answer).
    public init(samples: [VLMSample], config: VLMConfig, tokenizer: Tokenizer, appendEnd: Bool = true) throws {
        guard !samples.isEmpty else { throw ModelError.invalidInput("a batch needs at least one sample") }
        let slot = config.promptLength
        let answerLength = samples.map { $0.answer.count + (appendEnd ? 1 : 0) }.max()!
        let t = slot + answerLength
        guard t <= config.maxTextLength else {
            throw ModelError.invalidInput("an answer of \(answerLength) tokens\(appendEnd ? " (with <eos>)" : "") exceeds the \(config.maxTextLength - slot) the model allows")
        }
        var images: [Float] = [], tokens: [Int] = [], weights: [Float] = [], parts: [Int] = []
        images.reserveCapacity(samples.count * config.pixelCount)
        for (index, sample) in samples.enumerated() {
            guard sample.image.count == config.pixelCount else {
                throw ModelError.invalidInput("sample \(index): image has \(sample.image.count) floats, expected \(config.pixelCountDescription)")
            }
            guard sample.prompt.count < slot else {
                throw ModelError.invalidInput("sample \(index): a prompt of \(sample.prompt.count) tokens does not fit the \(slot)-token prompt slot with <bos>")
            }
            if let w = sample.answerWeights, w.count != sample.answer.count {
                throw ModelError.invalidInput("sample \(index): \(w.count) answer weights for \(sample.answer.count) answer tokens")
            }
            if let w = sample.answerWeights, let bad = w.first(where: { !($0 >= 0 && $0.isFinite) }) {
                throw ModelError.invalidInput("sample \(index): answer weight \(bad) is not a finite non-negative number")
            }
            for id in sample.prompt + sample.answer where !(0..<tokenizer.count).contains(id) { throw ModelError.unknownToken(id) }
            if let targets = sample.partTargets {
                guard let classes = config.partClasses else {
                    throw ModelError.invalidInput("sample \(index): part-map targets for a model without a part-map head")
                }
                guard targets.count == config.patchCount else {
                    throw ModelError.invalidInput("sample \(index): \(targets.count) part-map targets for \(config.patchCount) patches")
                }
                if let bad = targets.first(where: { $0 != VLMBatch.ignoredPart && !classes.indices.contains($0) }) {
                    throw ModelError.invalidInput("sample \(index): part-map target \(bad) is not one of the \(classes.count) part classes")
                }
            }
            parts += sample.partTargets ?? Array(repeating: VLMBatch.ignoredPart, count: config.patchCount)
            images += sample.image
            var row = [tokenizer.bosID] + sample.prompt
            row += repeatElement(tokenizer.padID, count: slot - row.count)
            row += sample.answer
            var rowWeights = [Float](repeating: 0, count: slot) + (sample.answerWeights ?? Array(repeating: 1, count: sample.answer.count))
            if appendEnd {
                row.append(tokenizer.eosID)
                rowWeights.append(1)
            }
            row += repeatElement(tokenizer.padID, count: t - row.count)
            rowWeights += repeatElement(0, count: t - rowWeights.count)
            tokens += row
            weights += rowWeights
        }
        self.size = samples.count
        self.textLength = t
        self.answerStart = slot
        self.images = images
        self.tokens = tokens
        self.lossWeights = weights
        self.partTargets = samples.contains { $0.partTargets != nil } ? parts : nil
    }

    /// The ids of sample `index`'s text row.
    public func row(_ index: Int) -> ArraySlice<Int> { tokens[(index * textLength)..<((index + 1) * textLength)] }
}
