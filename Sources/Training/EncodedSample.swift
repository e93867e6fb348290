import Instruct
import Model

/// A drawn sample in the model's terms: the VLM input, plus where each step of the response lies
/// among the answer tokens so that per-step losses can be read back after the forward pass.
public struct EncodedSample: Sendable {
    public var input: VLMSample
    /// Per step (verdict line excluded): its subquery and its answer-token range.
    public var steps: [(subquery: String, tokens: Range<Int>)]
    /// The answer-token range of the verdict line; nil when the response has none.
    public var verdictTokens: Range<Int>?
    /// The answer-token ranges of the answers the response states (each step's answer and the
    /// verdict line's types), without subjects, boxes and template words; empty when the sample
    /// does not record them.
    public var answerTokens: [Range<Int>]
    public var category: String
    /// The oracle's types of the image (empty when normal).
    public var defects: [String]

    /// Preprocesses the image and tokenizes prompt and response word by word, so each word's
    /// token range is known (a number outside the vocabulary becomes several digit tokens).
    /// Loss weights: `verdictWeight` for the tokens of the verdict line, `numberWeight` for the
    /// tokens of numbers in the steps, 1 for every other token; no weights when all are 1. A model
    /// with a part-map head gets the targets of the drawn annotation (none without one), sized
    /// parts by `partSizes` when the head has size classes.
    public init(_ drawn: DrawnSample, config: VLMConfig, tokenizer: Tokenizer, numberWeight: Float = 1,
                verdictWeight: Float = 1, partSizes: [String: PartMapTargets.SizedAttribute] = [:]) throws {
        let sample = drawn.sample
        let prompt = try tokenizer.encode(sample.prompt)
        let verdictWords = sample.steps.first(where: \.isVerdict).map { $0.wordStart..<$0.wordEnd }
        var answer: [Int] = []
        var weights: [Float] = []
        var wordStarts: [Int] = []
        for (index, word) in sample.responseWords.enumerated() {
            wordStarts.append(answer.count)
            let tokens = try tokenizer.encode(word)
            answer += tokens
            let isNumber = word.allSatisfy { $0.isASCII && $0.isNumber }
            let weight = verdictWords?.contains(index) == true ? verdictWeight : isNumber ? numberWeight : 1
            weights += repeatElement(weight, count: tokens.count)
        }
        wordStarts.append(answer.count)
        let prepared = config.preprocess(drawn.image)
        input = VLMSample(image: prepared.pixels, prompt: prompt, answer: answer,
                          answerWeights: weights.allSatisfy { $0 == 1 } ? nil : weights,
                          partTargets: drawn.annotation.flatMap { PartMapTargets.targets($0, letterbox: prepared.letterbox, config: config,
                                                                                            sizes: partSizes) })
        /// The answer tokens of a non-empty word range of the response.
        func tokens(_ words: Range<Int>) -> Range<Int>? {
            words.upperBound < wordStarts.count && !words.isEmpty ? wordStarts[words.lowerBound]..<wordStarts[words.upperBound] : nil
        }
        steps = sample.steps.compactMap { span in
            guard !span.isVerdict, let range = tokens(span.wordStart..<max(span.wordStart, span.wordEnd)) else { return nil }
            return (span.subquery, range)
        }
        verdictTokens = verdictWords.flatMap(tokens)
        answerTokens = sample.steps.compactMap { $0.answerWords.flatMap(tokens) }
        category = sample.category
        defects = sample.defects
    }
}
