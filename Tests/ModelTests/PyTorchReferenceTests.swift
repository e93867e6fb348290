import Foundation
import Model
import Tensor
import XCTest

/// The model against an independent implementation: `Fixtures/make_pytorch_reference.py` builds
/// the architecture of docs/model.md in PyTorch (float64), draws random weights and writes them as
/// a model directory with inputs, logits, loss and greedy answers: `Fixtures/pytorch_reference`
/// (a square 16 x 16 input) and `Fixtures/pytorch_reference_portrait` (16 x 24, `imageHeight`).
final class PyTorchReferenceTests: XCTestCase {
    func testLogitsLossAndGreedyAnswersMatchThePyTorchModel() throws {
        try checkAgainstReference("pytorch_reference")
    }

    func testNonSquareInputMatchesThePyTorchModel() throws {
        try checkAgainstReference("pytorch_reference_portrait")
        let model = try VLM.load(directory: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/pytorch_reference_portrait"))
        XCTAssertEqual([model.config.inputWidth, model.config.inputHeight, model.config.imageTokens], [16, 24, 6])
    }

    private func checkAgainstReference(_ name: String) throws {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)")
        let model = try VLM.load(directory: directory)
        let reference = try SafeTensors.load(from: directory.appendingPathComponent("reference.safetensors"))
        func values(_ name: String) throws -> [Float] { try XCTUnwrap(reference[name], name).scalars }
        func ids(_ name: String, row: Int, width: Int, count: Int) throws -> [Int] {
            Array(try values(name)[(row * width)..<(row * width + count)]).map { Int($0) }
        }

        let images = try values("images"), pixels = model.config.pixelCount
        let promptLengths = try values("prompt_lengths").map { Int($0) }, answerLengths = try values("answer_lengths").map { Int($0) }
        let samples = try (0..<2).map { s in
            VLMSample(image: Array(images[(s * pixels)..<((s + 1) * pixels)]),
                      prompt: try ids("prompts", row: s, width: 4, count: promptLengths[s]),
                      answer: try ids("answers", row: s, width: 8, count: answerLengths[s]))
        }
        let batch = try VLMBatch(samples: samples, config: model.config, tokenizer: model.tokenizer)
        XCTAssertEqual(batch.tokens, try values("tokens").map { Int($0) })

        let logits = model.logits(batch)
        let expected = try values("logits")
        XCTAssertEqual(logits.shape, [2, batch.textLength, model.config.vocabularySize])
        let scale = expected.map(abs).max()!
        let error = zip(logits.scalars, expected).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(error, 1e-5 * scale + 1e-5, "largest logit difference \(error) (logits up to \(scale))")

        let report = model.loss(batch, training: false)
        XCTAssertEqual(report.loss.item, try values("loss")[0], accuracy: 1e-4)
        report.loss.releaseHistory()

        // The reference decodes by plain argmax.
        model.groupsLocationTokens = false
        let generated = try model.generate(pixels: samples.map(\.image), prompts: samples.map(\.prompt), maxTokens: 12)
        for s in 0..<2 {
            let greedy = try ids("greedy", row: s, width: 12, count: 12).filter { $0 >= 0 }
            XCTAssertEqual(generated[s].tokens, greedy, "sample \(s)")
        }
    }
}
