import Foundation
import Imaging
import Model
import Randomness
import Tensor
import XCTest

final class GenerationTests: XCTestCase {
    /// Greedy decoding by recomputing the whole sequence at every step, through `logits(_:)`:
    /// the reference the cached decoder must reproduce. The location tokens count as one choice
    /// (their summed probability against the best other token), as `greedyChoice` says.
    private func recomputedGreedy(_ model: VLM, image: [Float], prompt: [Int], maxTokens: Int) throws -> (tokens: [Int], probabilities: [Float], finished: Bool) {
        let config = model.config
        var answer: [Int] = [], probabilities: [Float] = []
        while true {
            let batch = try VLMBatch(samples: [VLMSample(image: image, prompt: prompt, answer: answer)], config: config,
                                     tokenizer: model.tokenizer, appendEnd: false)
            let logits = model.logits(batch)
            let v = config.vocabularySize
            let row = Array(logits.scalars[((config.promptLength - 1 + answer.count) * v)...].prefix(v)).map(Double.init)
            let maximum = row.max()!
            let total = row.reduce(0) { $0 + Foundation.exp($1 - maximum) }
            let locations = model.tokenizer.locationIDs
            func argmax(_ ids: [Int]) -> Int { ids.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) }! }
            let bestLocation = argmax(Array(locations)), bestOther = argmax(row.indices.filter { !locations.contains($0) })
            let locationMass = locations.reduce(0) { $0 + Foundation.exp(row[$1] - maximum) } / total
            let best = locationMass > Foundation.exp(row[bestOther] - maximum) / total ? bestLocation : bestOther
            let probability = Foundation.exp(row[best] - maximum) / total
            if best == model.tokenizer.eosID { return (answer, probabilities, true) }
            if answer.count == maxTokens { return (answer, probabilities, false) }
            answer.append(best)
            probabilities.append(Float(probability))
        }
    }

    func testCachedGreedyDecodingEqualsFullRecompute() throws {
        let model = try TinyModel.model()
        TinyModel.randomise(model, seed: 11)
        let prompt = try model.tokenizer.encode("inspect juice_bottle")
        for seed in [UInt64(1), 2, 3] {
            let image = TinyModel.image(model.config, seed: seed)
            let cached = try model.generate(pixels: [image], prompts: [prompt], maxTokens: 12)[0]
            let reference = try recomputedGreedy(model, image: image, prompt: prompt, maxTokens: 12)
            XCTAssertEqual(cached.tokens, reference.tokens)
            XCTAssertEqual(cached.finished, reference.finished)
            XCTAssertEqual(cached.probabilities.count, cached.tokens.count)
            for (a, b) in zip(cached.probabilities, reference.probabilities) { XCTAssertEqual(a, b, accuracy: 1e-4) }
            XCTAssertEqual(cached.text, try model.tokenizer.decode(cached.tokens))
            // A lively model: the answer is not one repeated token.
            XCTAssertGreaterThan(Set(cached.tokens).count, 1)
        }
    }

    func testTheLocationTokensAreChosenAsOneGroup() throws {
        let locations = 6..<14
        func choice(_ probabilities: [Double], grouped: Bool = true) -> (token: Int, probability: Float) {
            let row = probabilities.map { Float(Foundation.log($0)) }
            return row.withUnsafeBufferPointer { greedyChoice($0, locations: grouped ? locations : nil) }
        }
        // A word at 0.30 against eight bins at 0.06-0.10 (0.64 together): the best bin wins.
        var spread = [0.01, 0.30, 0.02, 0.01, 0.01, 0.01] + [0.06, 0.07, 0.10, 0.08, 0.08, 0.09, 0.08, 0.08]
        XCTAssertEqual(choice(spread).token, 8)
        XCTAssertEqual(Double(choice(spread).probability), 0.10, accuracy: 1e-6)
        XCTAssertEqual(choice(spread, grouped: false).token, 1, "a plain argmax takes the word")
        XCTAssertEqual(Double(choice(spread, grouped: false).probability), 0.30, accuracy: 1e-6)
        // When the word outweighs every bin together, it stays.
        spread = [0.01, 0.66, 0.02, 0.01, 0.01, 0.01] + Array(repeating: 0.035, count: 8)
        XCTAssertEqual(choice(spread).token, 1)
        // A row of only locations, and one without any.
        XCTAssertEqual([Float(0), 2, 1].withUnsafeBufferPointer { greedyChoice($0, locations: 0..<3) }.token, 1)
        XCTAssertEqual([Float(0), 2, 1].withUnsafeBufferPointer { greedyChoice($0, locations: 5..<9) }.token, 1)
    }

    func testBatchedGenerationEqualsOneImageAtATime() throws {
        let model = try TinyModel.model()
        TinyModel.randomise(model, seed: 12)
        let images = (0..<3).map { TinyModel.image(model.config, seed: UInt64(20 + $0)) }
        let prompts = try ["inspect juice_bottle", "inspect pushpins count", "red"].map(model.tokenizer.encode)
        let batched = try model.generate(pixels: images, prompts: prompts, maxTokens: 10)
        for i in 0..<3 {
            let single = try model.generate(pixels: [images[i]], prompts: [prompts[i]], maxTokens: 10)[0]
            XCTAssertEqual(batched[i].tokens, single.tokens)
            for (a, b) in zip(batched[i].probabilities, single.probabilities) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        }
    }

    func testImageInputIsLetterboxedAndNormalised() throws {
        let model = try TinyModel.model()
        TinyModel.randomise(model, seed: 13)
        var generator = SeededGenerator(seed: 5)
        let image = RGBImage(width: 40, height: 24, pixels: (0..<(40 * 24 * 3)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        let prepared = model.config.preprocess(image)
        XCTAssertEqual(prepared.pixels.count, model.config.pixelCount)
        XCTAssertEqual(prepared.letterbox.image.width, 16)
        XCTAssertEqual(prepared.letterbox.image.height, 16)
        let fromImage = try model.generate(image: image, prompt: "inspect pushpins", maxTokens: 6)
        let fromPixels = try model.generate(pixels: [prepared.pixels], prompts: [model.tokenizer.encode("inspect pushpins")], maxTokens: 6)[0]
        XCTAssertEqual(fromImage, fromPixels)
        XCTAssertLessThanOrEqual(fromImage.tokens.count, 6)
    }

    func testPortraitInputKeepsAPortraitImageLarger() throws {
        let tokenizer = try TinyModel.tokenizer()
        var config = TinyModel.config(vocabularySize: tokenizer.count)
        config.imageHeight = 32
        let image = RGBImage(width: 50, height: 100, pixels: Array(repeating: 200, count: 50 * 100 * 3))
        let square = TinyModel.config(vocabularySize: tokenizer.count).preprocess(image).letterbox
        let portrait = config.preprocess(image)
        XCTAssertEqual(portrait.pixels.count, 3 * 32 * 16)
        XCTAssertEqual([portrait.letterbox.image.width, portrait.letterbox.image.height], [16, 32])
        XCTAssertEqual(portrait.letterbox.scaleY, 2 * square.scaleY, accuracy: 1e-12, "twice the pixels per side")
        let model = try VLM(config: config, tokenizer: tokenizer, seed: 3)
        TinyModel.randomise(model, seed: 13)
        let answer = try model.generate(image: image, prompt: "inspect juice_bottle", maxTokens: 5)
        XCTAssertEqual(answer, try model.generate(pixels: [portrait.pixels], prompts: [tokenizer.encode("inspect juice_bottle")], maxTokens: 5)[0])
    }

    func testTokenLimitAndBadInputs() throws {
        let model = try TinyModel.model()
        let image = TinyModel.image(model.config, seed: 1)
        let none = try model.generate(pixels: [image], prompts: [[]], maxTokens: 0)[0]
        XCTAssertEqual(none.tokens, [])
        XCTAssertEqual(none.text, "")
        XCTAssertThrowsError(try model.generate(pixels: [Array(image.dropLast())], prompts: [[]], maxTokens: 4)) {
            guard case .invalidInput = $0 as? ModelError else { return XCTFail("\($0)") }
        }
        let long = Array(repeating: model.tokenizer.id(of: "ok")!, count: model.config.promptLength)
        XCTAssertThrowsError(try model.generate(pixels: [image], prompts: [long], maxTokens: 4)) {
            guard case .invalidInput = $0 as? ModelError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try model.generate(pixels: [image], prompts: [[model.tokenizer.count]], maxTokens: 4)) {
            XCTAssertEqual($0 as? ModelError, .unknownToken(model.tokenizer.count))
        }
        XCTAssertThrowsError(try model.generate(image: RGBImage(width: 8, height: 8), prompt: "inspect banana", maxTokens: 4)) {
            XCTAssertEqual($0 as? ModelError, .unknownWord("banana"))
        }
        XCTAssertThrowsError(try model.generate(pixels: [image], prompts: [[]], maxTokens: -1))
        // Without a limit of its own, an answer stops where the text positions end.
        TinyModel.randomise(model, seed: 14)
        let unlimited = try model.generate(pixels: [image], prompts: [[]], maxTokens: .max)[0]
        XCTAssertLessThanOrEqual(unlimited.tokens.count, model.config.maxTextLength - model.config.promptLength - 1)
    }
}
