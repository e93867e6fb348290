import Foundation
import Model
import Tensor
import XCTest

/// Count tokens: the part map's class probabilities summed over the image and its quarters, read
/// by the decoder as extra image tokens, with the answer's gradients reaching the part map.
final class PartCountTests: XCTestCase {
    private let classes = ["background", "pushpin", "compartment"]

    private func model(counts: Bool = true) throws -> VLM {
        let tokenizer = try TinyModel.tokenizer()
        var config = TinyModel.config(vocabularySize: tokenizer.count)
        config.partClasses = classes
        config.partCountGrid = counts ? 2 : nil
        let model = try VLM(config: config, tokenizer: tokenizer, seed: 7)
        TinyModel.randomise(model, seed: 4, standardDeviation: 0.2)
        return model
    }

    private func batch(_ model: VLM) throws -> VLMBatch {
        let t = model.tokenizer
        return try VLMBatch(samples: [
            VLMSample(image: TinyModel.image(model.config, seed: 1), prompt: t.encode("inspect pushpins"), answer: t.encode("count 2 -> ok")),
            VLMSample(image: TinyModel.image(model.config, seed: 2), prompt: t.encode("inspect"), answer: t.encode("verdict: normal")),
        ], config: model.config, tokenizer: t)
    }

    func testTheCountsAreThePartProbabilitiesSummedOverTheImageAndEachQuarter() throws {
        let model = try self.model()
        XCTAssertEqual(model.config.countTokens, 5)
        XCTAssertEqual(model.config.imageTokens, model.config.projectedTokens + 5)
        let b = try batch(model)
        let logits = try XCTUnwrap(model.partLogits(b)).scalars.map(Double.init)
        let counts = try XCTUnwrap(model.partCounts(b))
        XCTAssertEqual(counts.shape, [2, 5, 2])
        // 16 x 16 input, 4 px patches: a 4 x 4 grid, quarters of 2 x 2 patches.
        for bi in 0..<2 {
            var expected = [[Double]](repeating: [0, 0], count: 5)
            for patch in 0..<16 {
                let row = Array(logits[((bi * 16 + patch) * 3)..<((bi * 16 + patch) * 3 + 3)])
                let m = row.max()!, total = row.reduce(0) { $0 + Foundation.exp($1 - m) }
                let quarter = 1 + (patch / 4 / 2) * 2 + (patch % 4) / 2
                for k in 1..<3 {
                    let p = Foundation.exp(row[k] - m) / total
                    expected[0][k - 1] += p
                    expected[quarter][k - 1] += p
                }
            }
            for region in 0..<5 {
                for k in 0..<2 {
                    XCTAssertEqual(Double(counts.scalars[(bi * 5 + region) * 2 + k]), expected[region][k], accuracy: 1e-5, "item \(bi) region \(region) class \(k)")
                }
            }
        }
        XCTAssertNil(try self.model(counts: false).partCounts(b))
    }

    func testTheAnswerReadsThePartMapAndTrainsItThroughTheCounts() throws {
        for counts in [true, false] {
            let model = try self.model(counts: counts)
            let b = try batch(model)
            let before = model.logits(b).scalars
            let head = try XCTUnwrap(model.parameters["vision.part_head.weight"])
            head.data[0] += 0.5
            let after = model.logits(b).scalars
            head.data[0] -= 0.5
            XCTAssertEqual(before != after, counts, "the text logits depend on the part map only through the count tokens")
        }
        // With part weight 0 the answer's loss alone trains the head: its gradient matches finite
        // differences.
        let model = try self.model()
        let b = try batch(model)
        model.loss(b, training: false).loss.backward()
        try assertGradientsMatchFiniteDifferences(model, ["vision.part_head.weight", "projector.part_counts.weight", "projector.part_count_regions"]) { model.loss(b, training: false).loss.item }
    }

    func testCachedGenerationWithCountTokensEqualsTheFullSequence() throws {
        let model = try self.model()
        let image = TinyModel.image(model.config, seed: 3)
        let prompt = try model.tokenizer.encode("inspect pushpins")
        let generated = try model.generate(pixels: [image], prompts: [prompt], maxTokens: 6)[0]
        XCTAssertFalse(generated.tokens.isEmpty)
        // Each generated token is the argmax (or the location group's best) of the full
        // recompute's row: the probabilities match those of the whole sequence.
        let batch = try VLMBatch(samples: [VLMSample(image: image, prompt: prompt, answer: generated.tokens)], config: model.config,
                                 tokenizer: model.tokenizer, appendEnd: false)
        let logits = model.logits(batch).scalars, v = model.config.vocabularySize
        for (i, token) in generated.tokens.enumerated() {
            let row = Array(logits[((model.config.promptLength - 1 + i) * v)..<((model.config.promptLength + i) * v)]).map(Double.init)
            let m = row.max()!, total = row.reduce(0) { $0 + Foundation.exp($1 - m) }
            XCTAssertEqual(Double(generated.probabilities[i]), Foundation.exp(row[token] - m) / total, accuracy: 1e-4, "token \(i)")
        }
    }

    func testCountTokensNeedAPartMapAndAGridThatDividesThePatches() throws {
        var config = try self.model().config
        config.partCountGrid = 3
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("partCountGrid 3 does not divide"), "\($0)") }
        config.partCountGrid = 2
        config.partClasses = nil
        XCTAssertThrowsError(try config.validate()) { XCTAssertTrue("\($0)".contains("needs the part map"), "\($0)") }
    }

    func testCountTokensAreSavedWithTheModel() throws {
        let model = try self.model()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("part-counts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try model.save(to: folder)
        let loaded = try VLM.load(directory: folder)
        XCTAssertEqual(loaded.config.partCountGrid, 2)
        let b = try batch(model)
        XCTAssertEqual(loaded.logits(b).scalars, model.logits(b).scalars)
    }
}
