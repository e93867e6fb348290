import Foundation
import Instruct
import Model
import Randomness
import Tensor
import Rules

/// A small randomly initialised VLM whose tokenizer covers the juice_bottle rule-book, so that it
/// reads the real inspection prompt and can write any word of a response.
enum TinyInspectionModel {
    static func make(seed: UInt64 = 3) throws -> VLM {
        let words = Vocabulary(ruleBooks: [try RuleBook.bundled("juice_bottle")]).words.filter { $0 != "\n" }
        let tokenizer = try Tokenizer(words: words, locationBins: LocationTokens.defaultBins)
        let config = VLMConfig(imageSize: 16, patchSize: 4, visionWidth: 16, visionLayers: 1, visionHeads: 2, shuffle: 2,
                               decoderWidth: 24, decoderLayers: 1, decoderHeads: 2, mlpRatio: 2,
                               vocabularySize: tokenizer.count, promptLength: 8, maxTextLength: 40)
        let model = try VLM(config: config, tokenizer: tokenizer, seed: seed)
        // Large random weights, so that the greedy output varies from token to token.
        var generator = SeededGenerator(seed: seed)
        for tensor in model.parameters.all {
            let values = tensor.data
            for i in values.indices { values[i] = Float(generator.gaussian()) * 0.3 }
        }
        return model
    }

    /// The model saved in a new temporary folder.
    static func saved(in folder: URL) throws -> URL {
        let directory = folder.appendingPathComponent("model")
        try make().save(to: directory)
        return directory
    }
}
