import Foundation
import Model
import Tensor
import XCTest

/// The part-map head: its loss is a background-weighted cross-entropy over the patches, added to
/// the answer loss with the caller's weight, with gradients that reach the vision encoder; it is
/// saved with the model, and malformed targets are refused.
final class PartMapTests: XCTestCase {
    private let classes = ["background", "pushpin", "compartment"]

    private func model(seed: UInt64 = 7) throws -> VLM {
        let tokenizer = try TinyModel.tokenizer()
        var config = TinyModel.config(vocabularySize: tokenizer.count)
        config.partClasses = classes
        return try VLM(config: config, tokenizer: tokenizer, seed: seed)
    }

    /// Two samples: the first with a target for each of the 16 patches (one ignored), the second
    /// without targets.
    private func batch(_ model: VLM) throws -> VLMBatch {
        let t = model.tokenizer
        let targets = [0, 1, 0, 0, 2, 1, 0, VLMBatch.ignoredPart, 0, 0, 0, 1, 0, 2, 0, 0]
        return try VLMBatch(samples: [
            VLMSample(image: TinyModel.image(model.config, seed: 1), prompt: t.encode("inspect pushpins"), answer: t.encode("count 12"),
                      partTargets: targets),
            VLMSample(image: TinyModel.image(model.config, seed: 2), prompt: t.encode("inspect"), answer: t.encode("verdict: normal")),
        ], config: model.config, tokenizer: t)
    }

    func testPartLossIsAWeightedSoftmaxLossOverThePatchesAddedToTheAnswerLoss() throws {
        let model = try model()
        TinyModel.randomise(model, seed: 3, standardDeviation: 0.2)
        let b = try batch(model)
        XCTAssertEqual(b.partTargets?.count, 32)
        XCTAssertEqual(Array(b.partTargets![16...]), Array(repeating: VLMBatch.ignoredPart, count: 16), "the sample without targets trains no patch")

        let plain = withoutGradients { model.loss(b, training: false) }
        XCTAssertNil(plain.partLoss, "weight 0 trains no part map")
        let report = withoutGradients { model.loss(b, training: false, partWeight: 0.5) }
        XCTAssertEqual(report.answerLoss, plain.loss.item, accuracy: 1e-6)

        let logits = try XCTUnwrap(model.partLogits(b))
        XCTAssertEqual(logits.shape, [2, 16, 3])
        let x = logits.scalars.map(Double.init)
        var weighted = 0.0, total = 0.0
        for (row, target) in b.partTargets!.enumerated() where target != VLMBatch.ignoredPart {
            let values = Array(x[(row * 3)..<(row * 3 + 3)])
            let m = values.max()!
            let loss = m + Foundation.log(values.reduce(0) { $0 + Foundation.exp($1 - m) }) - values[target]
            let weight = target == 0 ? 0.1 : 1.0
            weighted += weight * loss
            total += weight
        }
        let expected = weighted / total
        XCTAssertEqual(Double(try XCTUnwrap(report.partLoss)), expected, accuracy: 1e-5)
        XCTAssertEqual(Double(report.loss.item), Double(plain.loss.item) + 0.5 * expected, accuracy: 1e-5)
    }

    func testPartLossGradientsMatchFiniteDifferences() throws {
        let model = try model()
        let b = try batch(model)
        let report = model.loss(b, training: false, partWeight: 2)
        report.loss.backward()
        try assertGradientsMatchFiniteDifferences(model, ["vision.part_head.weight", "vision.part_head.bias", "vision.patch_embedding.weight", "vision.blocks.1.mlp.up.weight"]) { model.loss(b, training: false, partWeight: 2).loss.item }
    }

    func testTheHeadIsSavedWithTheModelAndAModelWithoutOneHasNone() throws {
        let model = try model()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("part-map-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try model.save(to: folder)
        let loaded = try VLM.load(directory: folder)
        XCTAssertEqual(loaded.config.partClasses, classes)
        XCTAssertEqual(loaded.parameters["vision.part_head.weight"]?.scalars, model.parameters["vision.part_head.weight"]?.scalars)
        XCTAssertEqual(loaded.parameters["vision.part_head.weight"]?.shape, [3, 16])
        let b = try batch(model)
        XCTAssertEqual(withoutGradients { loaded.loss(b, training: false, partWeight: 1).loss.item },
                       withoutGradients { model.loss(b, training: false, partWeight: 1).loss.item })

        let plain = try TinyModel.model()
        XCTAssertNil(plain.parameters["vision.part_head.weight"])
        XCTAssertNil(plain.partLogits(try VLMBatch(samples: [VLMSample(image: TinyModel.image(plain.config, seed: 1), prompt: [], answer: [])],
                                                   config: plain.config, tokenizer: plain.tokenizer)))
        XCTAssertEqual(model.parameters.all.count, plain.parameters.all.count + 2, "the head adds a weight and a bias")
    }

    func testBadTargetsAndClassListsAreRefused() throws {
        let model = try model()
        let image = TinyModel.image(model.config, seed: 1)
        func refuses(_ sample: VLMSample, _ config: VLMConfig, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try VLMBatch(samples: [sample], config: config, tokenizer: model.tokenizer), line: line) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
            }
        }
        refuses(VLMSample(image: image, prompt: [], answer: [], partTargets: Array(repeating: 0, count: 15)), model.config, "15 part-map targets for 16 patches")
        refuses(VLMSample(image: image, prompt: [], answer: [], partTargets: Array(repeating: 3, count: 16)), model.config, "target 3 is not one of the 3")
        var headless = model.config
        headless.partClasses = nil
        refuses(VLMSample(image: image, prompt: [], answer: [], partTargets: Array(repeating: 0, count: 16)), headless, "without a part-map head")

        var config = model.config
        config.partClasses = ["background"]
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("partClasses"), "\($0)") }
        config.partClasses = ["background", "pin", "pin"]
        XCTAssertThrowsError(try config.validate())
    }
}
