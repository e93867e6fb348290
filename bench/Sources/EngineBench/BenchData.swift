import Model
import Randomness

/// What the benchmark trains: the project's default VLM (`VLMConfig.standard`) with a fixed
/// vocabulary, on random images and random token sequences in the model's batch layout.
enum BenchSetup {
    static let vocabularySize = 700
    static let batch = 32
    /// Prompt tokens after `<bos>` (the prompt slot holds `promptLength` positions).
    static let promptTokens = 8
    /// Answer tokens; with `<eos>` the answer spans 64 positions.
    static let answerTokens = 63
    /// Distinct batches, cycled through the steps.
    static let batchCount = 4
    static let modelSeed: UInt64 = 2024
    static let dataSeed: UInt64 = 77

    /// A tokenizer of exactly `vocabularySize` tokens (the fixed ones and numbered words).
    static func tokenizer() throws -> Tokenizer {
        let fixed = try Tokenizer(words: []).count
        return try Tokenizer(words: (0..<(vocabularySize - fixed)).map { "word\($0)" })
    }

    static var config: VLMConfig { .standard(vocabularySize: vocabularySize) }

    /// The batches both sides train on, drawn from `dataSeed`: images uniform in [-1, 1) (the
    /// range of normalised pixels), prompts and answers of random non-special tokens.
    static func batches(tokenizer: Tokenizer) throws -> [VLMBatch] {
        var generator = SeededGenerator(seed: dataSeed)
        let firstWord = Tokenizer.specialTokens.count
        func token() -> Int { firstWord + Int(generator.next() % UInt64(vocabularySize - firstWord)) }
        return try (0..<batchCount).map { _ in
            let samples = (0..<batch).map { _ in
                VLMSample(image: (0..<config.pixelCount).map { _ in 2 * generator.nextFloat() - 1 },
                          prompt: (0..<promptTokens).map { _ in token() },
                          answer: (0..<answerTokens).map { _ in token() })
            }
            return try VLMBatch(samples: samples, config: config, tokenizer: tokenizer)
        }
    }
}
