import Model
import Randomness

/// A small vocabulary, configuration and inputs shared by the tests: big enough to exercise every
/// part of the model (2 x 2 pixel shuffle, several heads and layers, a prompt slot with padding),
/// small enough to run in milliseconds.
enum TinyModel {
    static let words = ["inspect", "juice_bottle", "pushpins", "verdict:", "normal", "anomaly", "count", "->", "ok", "red", "yellow"]

    static func tokenizer() throws -> Tokenizer { try Tokenizer(words: words, locationBins: 8) }

    static func config(vocabularySize: Int, dropout: Float = 0) -> VLMConfig {
        VLMConfig(imageSize: 16, patchSize: 4, visionWidth: 16, visionLayers: 2, visionHeads: 2, shuffle: 2,
                  decoderWidth: 24, decoderLayers: 2, decoderHeads: 3, mlpRatio: 2, vocabularySize: vocabularySize,
                  promptLength: 5, maxTextLength: 24, dropout: dropout)
    }

    static func model(seed: UInt64 = 7, dropout: Float = 0) throws -> VLM {
        let tokenizer = try tokenizer()
        return try VLM(config: config(vocabularySize: tokenizer.count, dropout: dropout), tokenizer: tokenizer, seed: seed)
    }

    /// A random normalised image for `config`.
    static func image(_ config: VLMConfig, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<config.pixelCount).map { _ in Float(generator.gaussian()) }
    }
}

extension TinyModel {
    /// Redraws every parameter with a large deviation, so that a random model's greedy output
    /// varies from step to step (at the initial scale it tends to repeat one token).
    static func randomise(_ model: VLM, seed: UInt64, standardDeviation: Float = 0.3) {
        var generator = SeededGenerator(seed: seed)
        for tensor in model.parameters.all {
            let values = tensor.data
            for i in values.indices { values[i] = Float(generator.gaussian()) * standardDeviation }
        }
    }
}
