import Model
import Tensor
import XCTest

/// End to end: a tiny model learns two (image, prompt, answer) samples and then writes each
/// answer exactly, which needs the image path (the prompts are the same) and the generation path.
final class OverfitTests: XCTestCase {
    func testTinyModelLearnsTwoSamplesAndGeneratesTheirAnswers() throws {
        let model = try TinyModel.model(seed: 1)
        let t = model.tokenizer
        let prompt = try t.encode("inspect juice_bottle")
        let answers = ["red -> ok\nverdict: normal", "count 3 <loc_2> <loc_5> -> anomaly\nverdict: anomaly"]
        let images = [TinyModel.image(model.config, seed: 31), TinyModel.image(model.config, seed: 32)]
        let samples = try zip(images, answers).map { VLMSample(image: $0, prompt: prompt, answer: try t.encode($1)) }
        let batch = try VLMBatch(samples: samples, config: model.config, tokenizer: t)
        let groups = model.parameterGroups
        let optimiser = AdamW(decayed: groups.decayed, notDecayed: groups.notDecayed, weightDecay: 0.01, learningRate: 3e-3)
        var first: Float = 0, last: Float = 0
        for step in 0..<300 {
            optimiser.zeroGradients()
            let report = model.loss(batch)
            if step == 0 { first = report.loss.item }
            last = report.loss.item
            report.loss.backward()
            optimiser.step()
        }
        XCTAssertLessThan(last, 0.05 * first)
        let generated = try model.generate(pixels: images, prompts: [prompt, prompt], maxTokens: 16)
        XCTAssertEqual(generated.map(\.text), answers)
        XCTAssertTrue(generated.allSatisfy(\.finished))
        XCTAssertTrue(generated.allSatisfy { $0.probabilities.allSatisfy { $0 > 0.5 } })
    }
}
