import Foundation
import Model
import Randomness

/// Greedy generation speed of the default VLM: one image at a time (latency) and a batch of
/// images at once (throughput), each writing exactly `tokens` answer tokens.
struct GenerationBench {
    let tokens: Int
    let singleMillisecondsPerImage: Double
    let batch: Int
    let batchedImagesPerSecond: Double

    init(tokens: Int, images: Int, batch: Int) throws {
        let tokenizer = try BenchSetup.tokenizer()
        let model = try VLM(config: BenchSetup.config, tokenizer: tokenizer, seed: BenchSetup.modelSeed)
        // A random model may pick <eos> at any step; a zero <eos> row of the tied embedding gives
        // it a logit of exactly 0, below the largest of the other 699 random logits, so every
        // answer runs to the token limit and each run does the same work.
        let embedding = model.parameters["decoder.token_embedding"]!.data
        let width = BenchSetup.config.decoderWidth
        embedding.baseAddress!.advanced(by: tokenizer.eosID * width).update(repeating: 0, count: width)

        var generator = SeededGenerator(seed: 9)
        let pixels = (0..<max(images, batch)).map { _ in (0..<BenchSetup.config.pixelCount).map { _ in 2 * generator.nextFloat() - 1 } }
        let prompt = (0..<BenchSetup.promptTokens).map { Tokenizer.specialTokens.count + $0 }
        func run(_ images: ArraySlice<[Float]>) throws {
            let answers = try model.generate(pixels: Array(images), prompts: Array(repeating: prompt, count: images.count), maxTokens: tokens)
            guard answers.allSatisfy({ $0.tokens.count == tokens }) else {
                throw BenchError.unexpected("an answer ended before \(tokens) tokens")
            }
        }
        try run(pixels[0..<1])  // warm-up
        var total = 0.0
        for i in 0..<images { total += try seconds { try run(pixels[i..<(i + 1)]) } }
        singleMillisecondsPerImage = 1000 * total / Double(images)
        try run(pixels[0..<batch])
        batchedImagesPerSecond = Double(batch) / (try seconds { try run(pixels[0..<batch]) })
        self.tokens = tokens
        self.batch = batch
    }
}

enum BenchError: Error, CustomStringConvertible {
    case unexpected(String)
    var description: String { switch self { case .unexpected(let reason): reason } }
}
