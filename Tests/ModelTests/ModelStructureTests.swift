import Foundation
import Model
import Randomness
import Tensor
import XCTest

final class ModelStructureTests: XCTestCase {
    func testStandardConfigurationFitsTheSizeBudget() throws {
        let tokenizer = try Tokenizer(words: (0..<400).map { "word\($0)" })
        let model = try VLM(config: .standard(vocabularySize: tokenizer.count), tokenizer: tokenizer)
        XCTAssertEqual(model.config.imageTokens, 64)
        XCTAssertEqual(model.config.patchCount, 256)
        // Counted by hand from the architecture in docs/model.md: everything but the token
        // embedding is 2,815,968 values (the stem 448 + 4,640, the patch embedding 36,992), plus
        // 192 per token.
        XCTAssertEqual(model.parameterCount, 2_815_968 + 192 * tokenizer.count)
        // Weights of at most 25 MB as F32 in model.safetensors.
        XCTAssertLessThan(model.parameterCount * 4, 25_000_000)
    }

    func testEveryParameterOfTheStandardModelLearnsFromAnAnswer() throws {
        let tokenizer = try Tokenizer(words: ["inspect", "pushpins", "ok"])
        let model = try VLM(config: .standard(vocabularySize: tokenizer.count), tokenizer: tokenizer, seed: 3)
        var generator = SeededGenerator(seed: 1)
        let image = (0..<model.config.pixelCount).map { _ in Float(generator.gaussian()) }
        let batch = try VLMBatch(samples: [VLMSample(image: image, prompt: tokenizer.encode("inspect pushpins"), answer: tokenizer.encode("ok <loc_3>"))],
                                 config: model.config, tokenizer: tokenizer)
        let report = model.loss(batch)
        XCTAssertTrue(report.loss.item.isFinite)
        report.loss.backward()
        for name in model.parameters.names {
            let gradient = try XCTUnwrap(model.parameters[name]?.gradient, name)
            XCTAssertTrue(gradient.contains { $0 != 0 }, name)
            XCTAssertTrue(gradient.allSatisfy(\.isFinite), name)
        }
    }

    func testInitialisationIsDeterministicPerSeed() throws {
        let a = try TinyModel.model(seed: 4), b = try TinyModel.model(seed: 4), c = try TinyModel.model(seed: 5)
        XCTAssertEqual(a.parameters.names, b.parameters.names)
        for name in a.parameters.names { XCTAssertEqual(a.parameters[name]!.scalars, b.parameters[name]!.scalars, name) }
        let differing = a.parameters.names.filter { a.parameters[$0]!.scalars != c.parameters[$0]!.scalars }
        // Only the randomly drawn parameters differ (norm gains and biases start at constants).
        XCTAssertTrue(differing.allSatisfy { a.parameters.decays($0)! || $0.hasSuffix("embedding") })
        XCTAssertFalse(differing.isEmpty)
    }

    func testNormsBiasesAndEmbeddingsAreNotDecayed() throws {
        let model = try TinyModel.model()
        for name in model.parameters.names {
            let noDecay = name.hasSuffix(".bias") || name.contains("norm") || name.hasSuffix("embedding")
            XCTAssertEqual(model.parameters.decays(name), !noDecay, name)
            XCTAssertTrue(model.parameters[name]!.requiresGrad)
        }
        let groups = model.parameterGroups
        XCTAssertEqual(groups.decayed.count + groups.notDecayed.count, model.parameters.names.count)
        XCTAssertEqual(groups.decayed.reduce(0) { $0 + $1.count } + groups.notDecayed.reduce(0) { $0 + $1.count }, model.parameterCount)
    }

    func testInvalidConfigurationsAreExplained() throws {
        let tokenizer = try TinyModel.tokenizer()
        var config = TinyModel.config(vocabularySize: tokenizer.count)
        config.patchSize = 5
        XCTAssertThrowsError(try VLM(config: config, tokenizer: tokenizer)) {
            XCTAssertEqual($0 as? ModelError, .invalidConfiguration("patchSize 5 does not divide imageSize 16"))
        }
        config = TinyModel.config(vocabularySize: tokenizer.count)
        config.stemChannels = [4, 4, 4]
        XCTAssertThrowsError(try VLM(config: config, tokenizer: tokenizer)) {
            XCTAssertEqual($0 as? ModelError, .invalidConfiguration("the 3-layer stem (stride 8) does not divide patchSize 4"))
        }
        config.stemChannels = [4, 0]
        XCTAssertThrowsError(try VLM(config: config, tokenizer: tokenizer)) {
            XCTAssertEqual($0 as? ModelError, .invalidConfiguration("stemChannels must be positive, got 0"))
        }
        config = TinyModel.config(vocabularySize: tokenizer.count)
        config.decoderHeads = 5
        XCTAssertThrowsError(try VLM(config: config, tokenizer: tokenizer)) {
            XCTAssertEqual($0 as? ModelError, .invalidConfiguration("decoderHeads 5 do not divide decoderWidth 24"))
        }
        config = TinyModel.config(vocabularySize: tokenizer.count)
        config.shuffle = 3
        XCTAssertThrowsError(try VLM(config: config, tokenizer: tokenizer))
        config = TinyModel.config(vocabularySize: tokenizer.count)
        config.imageHeight = 18
        XCTAssertThrowsError(try VLM(config: config, tokenizer: tokenizer)) {
            XCTAssertEqual($0 as? ModelError, .invalidConfiguration("patchSize 4 does not divide imageHeight 18"))
        }
        config.imageHeight = 20
        XCTAssertThrowsError(try VLM(config: config, tokenizer: tokenizer)) {
            XCTAssertEqual($0 as? ModelError, .invalidConfiguration("shuffle 2 does not divide the 4 x 5 patch grid"))
        }
        XCTAssertThrowsError(try VLM(config: TinyModel.config(vocabularySize: tokenizer.count + 1), tokenizer: tokenizer)) {
            XCTAssertEqual($0 as? ModelError, .vocabularyMismatch(configuration: tokenizer.count + 1, tokenizer: tokenizer.count))
        }
    }

    func testConfigurationJSONRoundTrip() throws {
        let config = VLMConfig.standard(vocabularySize: 321)
        let decoded = try JSONDecoder().decode(VLMConfig.self, from: JSONEncoder().encode(config))
        XCTAssertEqual(decoded, config)
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(config), as: UTF8.self).contains("imageHeight"),
                       "a square model's config.json stays as before")
        var portrait = config
        portrait.imageHeight = 384
        XCTAssertEqual(try JSONDecoder().decode(VLMConfig.self, from: JSONEncoder().encode(portrait)), portrait)
        XCTAssertEqual([portrait.inputWidth, portrait.inputHeight, portrait.patchCount, portrait.imageTokens], [192, 384, 512, 128])
    }
}
