import Foundation
import Model
import Tensor
import XCTest

final class LossTests: XCTestCase {
    private func batch(_ model: VLM) throws -> VLMBatch {
        let t = model.tokenizer
        return try VLMBatch(samples: [
            VLMSample(image: TinyModel.image(model.config, seed: 1), prompt: t.encode("inspect juice_bottle"),
                      answer: t.encode("red -> ok"), answerWeights: [1, 2, 0.5]),
            VLMSample(image: TinyModel.image(model.config, seed: 2), prompt: t.encode("inspect"),
                      answer: t.encode("count 12 -> anomaly verdict: anomaly"), answerWeights: [1, 1, 0, 1, 1, 3, 1]),
        ], config: model.config, tokenizer: t)
    }

    func testBatchLayout() throws {
        let model = try TinyModel.model()
        let t = model.tokenizer, b = try batch(model)
        XCTAssertEqual(b.size, 2)
        XCTAssertEqual(b.answerStart, 5)
        XCTAssertEqual(b.textLength, 5 + 7 + 1)
        XCTAssertEqual(Array(b.row(0)), [t.bosID] + (try t.encode("inspect juice_bottle")) + [t.padID, t.padID] + (try t.encode("red -> ok")) + [t.eosID] + Array(repeating: t.padID, count: 4))
        XCTAssertEqual(Array(b.lossWeights[0..<13]), [0, 0, 0, 0, 0, 1, 2, 0.5, 1, 0, 0, 0, 0])
        XCTAssertEqual(Array(b.lossWeights[13..<26]), [0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 3, 1, 1])
    }

    func testLossesMatchALogSoftmaxOfTheLogits() throws {
        let model = try TinyModel.model()
        TinyModel.randomise(model, seed: 2, standardDeviation: 0.1)
        let b = try batch(model)
        let report = model.loss(b, training: false)
        let logits = model.logits(b).scalars
        let v = model.config.vocabularySize
        var weighted = 0.0, total = 0.0
        for s in 0..<b.size {
            var sampleWeighted = 0.0, sampleTotal = 0.0
            for t in 0..<b.textLength {
                let weight = Double(b.lossWeights[s * b.textLength + t])
                guard weight > 0 else {
                    XCTAssertEqual(report.tokenLosses[s * b.textLength + t], 0)
                    continue
                }
                // Row t - 1 predicts text token t.
                let row = logits[((s * b.textLength + t - 1) * v)...].prefix(v).map(Double.init)
                let maximum = row.max()!
                let expected = maximum + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - maximum) }) - row[b.tokens[s * b.textLength + t]]
                XCTAssertEqual(Double(report.tokenLosses[s * b.textLength + t]), expected, accuracy: 1e-4)
                weighted += weight * expected; total += weight
                sampleWeighted += weight * expected; sampleTotal += weight
            }
            XCTAssertEqual(Double(report.sampleLosses[s]), sampleWeighted / sampleTotal, accuracy: 1e-4)
        }
        XCTAssertEqual(Double(report.loss.item), weighted / total, accuracy: 1e-4)
        report.loss.releaseHistory()
    }

    func testGradientsMatchFiniteDifferencesThroughImageAndText() throws {
        let model = try TinyModel.model()
        let b = try batch(model)
        let report = model.loss(b, training: false)
        report.loss.backward()
        let checked = ["vision.patch_embedding.weight", "vision.row_embedding", "vision.blocks.1.mlp.up.weight", "projector.weight",
                       "decoder.position_embedding", "decoder.blocks.0.attention.key.weight", "decoder.token_embedding"]
        try assertGradientsMatchFiniteDifferences(model, checked) { model.loss(b, training: false).loss.item }
    }

    func testDropoutOnlyActsWhileTraining() throws {
        let plain = try TinyModel.model(dropout: 0)
        let b = try batch(plain)
        XCTAssertEqual(withoutGradients { plain.loss(b, training: true).loss.item }, withoutGradients { plain.loss(b, training: false).loss.item })
        let dropped = try TinyModel.model(dropout: 0.3)
        let evaluation = withoutGradients { dropped.loss(b, training: false).loss.item }
        XCTAssertEqual(evaluation, withoutGradients { plain.loss(b, training: false).loss.item })
        let first = withoutGradients { dropped.loss(b, training: true).loss.item }
        let second = withoutGradients { dropped.loss(b, training: true).loss.item }
        XCTAssertNotEqual(first, evaluation)
        XCTAssertNotEqual(first, second)
    }

    func testBadSamplesAreRejected() throws {
        let model = try TinyModel.model()
        let image = TinyModel.image(model.config, seed: 1)
        func rejects(_ sample: VLMSample, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try VLMBatch(samples: [sample], config: model.config, tokenizer: model.tokenizer), file: file, line: line)
        }
        rejects(VLMSample(image: Array(image.dropLast()), prompt: [], answer: []))
        rejects(VLMSample(image: image, prompt: Array(repeating: 7, count: 5), answer: []))
        rejects(VLMSample(image: image, prompt: [], answer: Array(repeating: 7, count: 19)))
        rejects(VLMSample(image: image, prompt: [], answer: [7, 8], answerWeights: [1]))
        rejects(VLMSample(image: image, prompt: [], answer: [7, 8], answerWeights: [1, -1]))
        rejects(VLMSample(image: image, prompt: [], answer: [model.tokenizer.count]))
        XCTAssertThrowsError(try VLMBatch(samples: [], config: model.config, tokenizer: model.tokenizer))
        // The longest answer that fits: 18 tokens and <eos> after the 5-token prompt slot.
        XCTAssertNoThrow(try VLMBatch(samples: [VLMSample(image: image, prompt: [], answer: Array(repeating: 7, count: 18))],
                                      config: model.config, tokenizer: model.tokenizer))
    }
}
