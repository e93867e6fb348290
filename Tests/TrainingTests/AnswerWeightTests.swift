import Instruct
import Model
import Rules
import Tensor
import Training
import XCTest

/// The loss weights of answer tokens. `numberWeight`: the tokens of the numbers in an answer (a
/// fill level, a count: one token when the vocabulary has the number, else its digits) weigh that
/// much in the loss, every other answer token 1, and the loss is the weighted mean of the token
/// losses. `verdictWeight`: likewise the tokens of the verdict line.
final class AnswerWeightTests: XCTestCase {
    func testTokensOfNumbersCarryTheWeightInTheLoss() throws {
        let books = try RuleBook.bundledCategories.map { try RuleBook.bundled($0) }
        let tokenizer = try Tokenizer(words: Vocabulary(ruleBooks: books).words.filter { !$0.contains(where: \.isNewline) })
        let config = ResumeTests.tinyConfiguration(steps: 1).model.resolved(vocabularySize: tokenizer.count)
        let model = try VLM(config: config, tokenizer: tokenizer, seed: 3)
        let source = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: false)
        let drawn = try source.inspection(caseUnit: source.caseUnits.firstIndex(of: "juice_bottle/good")!, seed: 2)
        XCTAssertTrue(drawn.sample.responseWords.contains { $0.allSatisfy(\.isNumber) }, "the fill level is a number: \(drawn.sample.response)")

        let plain = try EncodedSample(drawn, config: config, tokenizer: tokenizer)
        XCTAssertNil(plain.input.answerWeights, "weight 1 leaves the loss as it was")
        let stressed = try EncodedSample(drawn, config: config, tokenizer: tokenizer, numberWeight: 4)
        XCTAssertEqual(stressed.input.answer, plain.input.answer)
        let weights = try XCTUnwrap(stressed.input.answerWeights)
        let pieces = try tokenizer.pieces(stressed.input.answer)
        var numbers = 0
        for (piece, weight) in zip(pieces, weights) {
            let text = piece.trimmingCharacters(in: .whitespaces)
            let isNumber = !text.isEmpty && text.allSatisfy(\.isNumber)
            XCTAssertEqual(weight, isNumber ? 4 : 1, "token '\(piece)'")
            if isNumber { numbers += 1 }
        }
        XCTAssertGreaterThanOrEqual(numbers, 1, "the fill level: \(pieces)")

        // The weighted loss is sum(w * token loss) / sum(w) over the answer and its <eos>.
        let plainBatch = try VLMBatch(samples: [plain.input], config: config, tokenizer: tokenizer)
        let unweighted = withoutGradients { model.loss(plainBatch, training: false) }
        let batch = try VLMBatch(samples: [stressed.input], config: config, tokenizer: tokenizer)
        let weighted = withoutGradients { model.loss(batch, training: false) }
        var sum = 0.0, total = 0.0
        for (w, l) in zip(batch.lossWeights, unweighted.tokenLosses) where w > 0 {
            sum += Double(w) * Double(l)
            total += Double(w)
        }
        XCTAssertEqual(Double(weighted.loss.item), sum / total, accuracy: 1e-5)
        XCTAssertNotEqual(weighted.loss.item, unweighted.loss.item)
    }

    func testTokensOfTheVerdictLineCarryTheVerdictWeight() throws {
        let books = try RuleBook.bundledCategories.map { try RuleBook.bundled($0) }
        let tokenizer = try Tokenizer(words: Vocabulary(ruleBooks: books).words.filter { !$0.contains(where: \.isNewline) })
        let config = ResumeTests.tinyConfiguration(steps: 1).model.resolved(vocabularySize: tokenizer.count)
        let source = try RenderSource(categories: ["splicing_connectors"], longSide: 64, paraphrase: true)
        let unit = source.caseUnits.firstIndex(of: "splicing_connectors/cable_color")!
        for seed in 1...4 {
            let drawn = try source.inspection(caseUnit: unit, seed: UInt64(seed))
            let stressed = try EncodedSample(drawn, config: config, tokenizer: tokenizer, numberWeight: 3, verdictWeight: 5)
            let weights = try XCTUnwrap(stressed.input.answerWeights)
            let pieces = try tokenizer.pieces(stressed.input.answer)
            let verdictText = pieces.indices.filter { weights[$0] == 5 }.map { pieces[$0] }.joined()
            let lastLine = try XCTUnwrap(drawn.sample.response.split(separator: "\n").last)
            XCTAssertEqual(verdictText.trimmingCharacters(in: .whitespaces), String(lastLine), "seed \(seed)")
            // The sample names the same tokens as its verdict line.
            XCTAssertEqual(stressed.verdictTokens.map(Array.init), pieces.indices.filter { weights[$0] == 5 }, "seed \(seed)")
            XCTAssertTrue(lastLine.contains("cable_color"), "\(lastLine)")
            // The steps before it keep their weights: 3 for numbers, 1 for the rest.
            XCTAssertTrue(weights.contains(3) && weights.contains(1), "\(weights)")
            let plain = try EncodedSample(drawn, config: config, tokenizer: tokenizer)
            XCTAssertNil(plain.input.answerWeights)
            XCTAssertEqual(plain.input.answer, stressed.input.answer)
        }
    }
}
