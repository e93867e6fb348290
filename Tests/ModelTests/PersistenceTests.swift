import Foundation
import Model
import Tensor
import XCTest

final class PersistenceTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("model-tests-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func batch(_ model: VLM) throws -> VLMBatch {
        try VLMBatch(samples: [VLMSample(image: TinyModel.image(model.config, seed: 9), prompt: model.tokenizer.encode("inspect juice_bottle"),
                                         answer: model.tokenizer.encode("red -> ok"))],
                     config: model.config, tokenizer: model.tokenizer)
    }

    func testSaveAndLoadGiveIdenticalLogits() throws {
        let model = try TinyModel.model(seed: 3)
        TinyModel.randomise(model, seed: 8)
        try model.save(to: directory)
        for file in [VLM.weightsFile, VLM.configurationFile, VLM.tokenizerFile] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), file)
        }
        let loaded = try VLM.load(directory: directory)
        XCTAssertEqual(loaded.config, model.config)
        XCTAssertEqual(loaded.tokenizer, model.tokenizer)
        XCTAssertEqual(loaded.logits(try batch(loaded)).scalars, model.logits(try batch(model)).scalars)
        // The weights are the model's, not a fresh initialisation of the same configuration.
        let fresh = try VLM(config: model.config, tokenizer: model.tokenizer, seed: 0)
        XCTAssertNotEqual(fresh.logits(try batch(fresh)).scalars, model.logits(try batch(model)).scalars)
    }

    func testMissingFilesAreNamed() throws {
        let model = try TinyModel.model()
        for file in [VLM.configurationFile, VLM.tokenizerFile, VLM.weightsFile] {
            try model.save(to: directory)
            let url = directory.appendingPathComponent(file)
            try FileManager.default.removeItem(at: url)
            XCTAssertThrowsError(try VLM.load(directory: directory)) {
                XCTAssertEqual($0 as? ModelError, .missingFile(path: url.path))
            }
        }
    }

    func testConfigurationThatDoesNotMatchTheWeightsNamesTheTensorAndBothShapes() throws {
        let model = try TinyModel.model()
        try model.save(to: directory)
        var config = model.config
        config.maxTextLength += 8
        try JSONEncoder().encode(config).write(to: directory.appendingPathComponent(VLM.configurationFile))
        XCTAssertThrowsError(try VLM.load(directory: directory)) { error in
            let positions = model.config.imageTokens
            XCTAssertEqual(error as? SafeTensorsError,
                           .shapeMismatch(path: directory.appendingPathComponent(VLM.weightsFile).path, tensor: "decoder.position_embedding",
                                          expected: [positions + config.maxTextLength, config.decoderWidth],
                                          found: [positions + model.config.maxTextLength, config.decoderWidth]))
            XCTAssertTrue("\(error)".contains("decoder.position_embedding"))
        }
    }

    func testCorruptFilesAreReported() throws {
        let model = try TinyModel.model()
        try model.save(to: directory)
        let configURL = directory.appendingPathComponent(VLM.configurationFile)
        try Data("{ not json".utf8).write(to: configURL)
        XCTAssertThrowsError(try VLM.load(directory: directory)) {
            guard case .unreadableFile(let path, _) = $0 as? ModelError else { return XCTFail("\($0)") }
            XCTAssertEqual(path, configURL.path)
        }
        try model.save(to: directory)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as! [String: Any]
        json.removeValue(forKey: "decoderWidth")
        try JSONSerialization.data(withJSONObject: json).write(to: configURL)
        XCTAssertThrowsError(try VLM.load(directory: directory)) {
            XCTAssertEqual($0 as? ModelError, .unreadableFile(path: configURL.path, reason: "the field 'decoderWidth' is missing"))
        }
        // A configuration whose sizes do not fit together.
        try model.save(to: directory)
        var config = model.config
        config.decoderHeads = 5
        try JSONEncoder().encode(config).write(to: configURL)
        XCTAssertThrowsError(try VLM.load(directory: directory)) {
            XCTAssertEqual($0 as? ModelError, .unreadableFile(path: configURL.path,
                reason: "invalid model configuration: decoderHeads 5 do not divide decoderWidth 24"))
        }
        // A tokenizer that does not fit the configuration.
        try model.save(to: directory)
        try JSONEncoder().encode(try Tokenizer(words: ["only"], locationBins: 8)).write(to: directory.appendingPathComponent(VLM.tokenizerFile))
        XCTAssertThrowsError(try VLM.load(directory: directory)) {
            XCTAssertEqual($0 as? ModelError, .vocabularyMismatch(configuration: model.config.vocabularySize, tokenizer: 6 + 8 + 20 + 1))
        }
        // Truncated weights.
        try model.save(to: directory)
        let weights = directory.appendingPathComponent(VLM.weightsFile)
        try Data(contentsOf: weights).prefix(100).write(to: weights)
        XCTAssertThrowsError(try VLM.load(directory: directory)) { XCTAssertTrue($0 is SafeTensorsError, "\($0)") }
    }
}
