import Instruct
import Model
import Rules
import Tensor
import Training
import XCTest

/// Validation's teacher-forced token accuracy, checked against a per-sample reference that reads
/// each sample's own logits (row t predicts text token t + 1).
final class ValidationTests: XCTestCase {
    func testTokenAccuracyMatchesPerSampleArgmax() throws {
        let configuration = ResumeTests.tinyConfiguration(steps: 1)
        let books = try RuleBook.bundledCategories.map { try RuleBook.bundled($0) }
        let tokenizer = try Tokenizer(words: Vocabulary(ruleBooks: books).words.filter { !$0.contains(where: \.isNewline) })
        let config = configuration.model.resolved(vocabularySize: tokenizer.count)
        let model = try VLM(config: config, tokenizer: tokenizer, seed: 3)
        let source = try RenderSource(categories: ["pushpins", "juice_bottle"], longSide: 64, paraphrase: false)
        let set = try ValidationSet(source: source, count: 4, generations: 0, seed: 5, config: config, tokenizer: tokenizer)

        var correct = 0, total = 0
        for sample in set.samples {
            let batch = try VLMBatch(samples: [sample.input], config: config, tokenizer: tokenizer)
            let logits = withoutGradients { model.logits(batch) }
            let t = batch.textLength, v = logits.shape[2]
            let x = logits.scalars
            for ti in 1..<t where batch.lossWeights[ti] > 0 {
                let start: Int = (ti - 1) * v
                var best = 0
                for j in 1..<v where x[start + j] > x[start + best] { best = j }
                if best == batch.tokens[ti] { correct += 1 }
                total += 1
            }
        }
        XCTAssertGreaterThan(total, 0)
        let result = try set.evaluate(model, step: 0, batchSize: 4)
        XCTAssertEqual(result.tokenAccuracy, Double(correct) / Double(total), accuracy: 1e-12)
    }
}
