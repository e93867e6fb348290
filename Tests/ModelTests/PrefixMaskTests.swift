import Model
import Tensor
import XCTest

/// The decoder's prefix-LM mask: image tokens and the prompt slot see each other fully, the
/// answer is causal.
final class PrefixMaskTests: XCTestCase {
    private func textLogits(_ model: VLM, image: [Float], prompt: [Int], answer: [Int]) throws -> [[Float]] {
        let batch = try VLMBatch(samples: [VLMSample(image: image, prompt: prompt, answer: answer)], config: model.config, tokenizer: model.tokenizer)
        let tensor = model.logits(batch), v = model.config.vocabularySize
        XCTAssertEqual(tensor.shape, [1, batch.textLength, v])
        let logits = tensor.scalars
        return (0..<batch.textLength).map { t in Array(logits[(t * v)..<((t + 1) * v)]) }
    }

    private func maximumDifference(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map { abs($0 - $1) }.max()! }

    func testAnswerLogitsIgnoreLaterAnswerTokensButPromptLogitsSeeTheWholePrompt() throws {
        let model = try TinyModel.model()
        TinyModel.randomise(model, seed: 3)
        let t = model.tokenizer, slot = model.config.promptLength
        let image = TinyModel.image(model.config, seed: 4)
        let prompt = try t.encode("inspect juice_bottle red")
        let answer = try t.encode("count 3 -> ok verdict: normal")
        let base = try textLogits(model, image: image, prompt: prompt, answer: answer)

        // Change answer token 4: the logits at text positions up to it (which predict tokens
        // 0...4 of the answer) stay the same, later ones change.
        var changed = answer
        changed[4] = t.id(of: "anomaly")!
        let after = try textLogits(model, image: image, prompt: prompt, answer: changed)
        for position in 0..<(slot + 4) { XCTAssertEqual(maximumDifference(base[position], after[position]), 0, "position \(position)") }
        for position in (slot + 4)..<base.count { XCTAssertGreaterThan(maximumDifference(base[position], after[position]), 1e-4, "position \(position)") }

        // Change the last prompt token: every position of the prefix sees it, including the
        // prompt positions before it.
        var otherPrompt = prompt
        otherPrompt[2] = t.id(of: "yellow")!
        let prompted = try textLogits(model, image: image, prompt: otherPrompt, answer: answer)
        for position in 0..<base.count { XCTAssertGreaterThan(maximumDifference(base[position], prompted[position]), 1e-4, "position \(position)") }
    }

    func testEveryTextPositionSeesTheImage() throws {
        let model = try TinyModel.model()
        TinyModel.randomise(model, seed: 5)
        let prompt = try model.tokenizer.encode("inspect pushpins")
        let answer = try model.tokenizer.encode("count 2 -> ok")
        let first = try textLogits(model, image: TinyModel.image(model.config, seed: 1), prompt: prompt, answer: answer)
        let second = try textLogits(model, image: TinyModel.image(model.config, seed: 2), prompt: prompt, answer: answer)
        for position in first.indices { XCTAssertGreaterThan(maximumDifference(first[position], second[position]), 1e-4) }
    }
}
