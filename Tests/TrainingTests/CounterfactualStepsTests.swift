import Foundation
import Instruct
import Model
import Rules
import Training
import XCTest

/// Counterfactual steps (`TrainingConfiguration.counterfactualSteps`): an inspection written from
/// an edited copy of the image's annotation, whose steps deny the image and whose verdict still
/// follows them, trained on its verdict line alone.
final class CounterfactualStepsTests: XCTestCase {
    func testCounterfactualStepsDenyTheImageAndTheVerdictFollowsThem() throws {
        let source = try RenderSource(categories: ["screw_bag"], longSide: 128, paraphrase: true, counterfactualSteps: 1)
        let plan = try RuleBook.bundled("screw_bag").plan
        let synthesizer = InstructionSynthesizer(plan: plan, paraphrase: false)
        let parser = CoTParser(plan: plan)
        let good = source.caseUnits.firstIndex(of: "screw_bag/good")!
        var denied = 0, faults = Set<String>()
        for seed in UInt64(0)..<10 {
            let drawn = try source.inspection(caseUnit: good, seed: seed)
            XCTAssertTrue(drawn.counterfactual, "seed \(seed): a good bag always has a part to edit")
            // The annotation kept is the image's own (the part map trains on it): a good bag.
            let annotation = try XCTUnwrap(drawn.annotation)
            let truth = try synthesizer.label(annotation, width: drawn.image.width, height: drawn.image.height)
            XCTAssertEqual(truth.types, [], "seed \(seed)")
            let parsed = parser.parse(drawn.sample.response, width: drawn.image.width, height: drawn.image.height)
            XCTAssertEqual(parsed.missing, [], drawn.sample.response)
            // The verdict is the rule engine's on the written steps, whatever the image shows.
            XCTAssertEqual(parsed.verdict, plan.evaluate(parsed.answers).types, drawn.sample.response)
            XCTAssertEqual(parsed.verdict, drawn.sample.defects)
            if parsed.answers != Dictionary(uniqueKeysWithValues: truth.trail.map { ($0.subquery, $0.answer) }) { denied += 1 }
            faults.formUnion(drawn.sample.defects)
        }
        XCTAssertGreaterThanOrEqual(denied, 6, "most edits change a count the steps give")
        XCTAssertGreaterThanOrEqual(faults.count, 2, "edits raise several types: \(faults)")
    }

    func testOnlyTheVerdictLineOfACounterfactualSampleIsTrained() throws {
        let books = try RuleBook.bundledCategories.map { try RuleBook.bundled($0) }
        let tokenizer = try Tokenizer(words: Vocabulary(ruleBooks: books).words.filter { !$0.contains(where: \.isNewline) })
        let config = ResumeTests.tinyConfiguration(steps: 1).model.resolved(vocabularySize: tokenizer.count)
        let source = try RenderSource(categories: ["pushpins"], longSide: 64, paraphrase: false, counterfactualSteps: 1)
        let drawn = try source.inspection(caseUnit: source.caseUnits.firstIndex(of: "pushpins/good")!, seed: 5)
        XCTAssertTrue(drawn.counterfactual)
        let encoded = try EncodedSample(drawn, config: config, tokenizer: tokenizer, numberWeight: 3, verdictWeight: 2)
        XCTAssertTrue(encoded.counterfactual)
        XCTAssertTrue(encoded.steps.isEmpty, "the resampler gets no step losses the image denies")
        let weights = try XCTUnwrap(encoded.input.answerWeights)
        let pieces = try tokenizer.pieces(encoded.input.answer)
        let verdictStart = try XCTUnwrap(pieces.firstIndex { $0.trimmingCharacters(in: .whitespaces) == CoTWords.verdict })
        XCTAssertEqual(Array(weights[..<verdictStart]), Array(repeating: 0, count: verdictStart), "no step token is trained")
        XCTAssertEqual(Array(weights[verdictStart...]), Array(repeating: 2, count: weights.count - verdictStart), "the verdict line is")

        // The same draw as a plain sample trains every token.
        var plain = drawn
        plain.counterfactual = false
        XCTAssertFalse(try EncodedSample(plain, config: config, tokenizer: tokenizer).steps.isEmpty)
    }

    func testAnEditWhoseStepsCannotBeWrittenLeavesTheSamplePlain() throws {
        // The cable length in half millimetres: a good product's cable (49-74 mm) is written, two
        // cables' lengths together (a copied cable) can exceed the vocabulary's numbers (0...255).
        let bundled = try String(contentsOfFile: try RuleBook.bundled("splicing_connectors").file, encoding: .utf8)
        XCTAssertTrue(bundled.contains("observe: {level: length_mm, of: cable, step: 1}"))
        let book = try RuleBook(yaml: bundled.replacingOccurrences(of: "observe: {level: length_mm, of: cable, step: 1}",
                                                                   with: "observe: {level: length_mm, of: cable, step: 0.5}"), file: "half-mm.yaml")
        let source = try RenderSource(categories: ["splicing_connectors"], longSide: 128, paraphrase: false, augmentation: 1,
                                      counterfactualSteps: 1, ruleBook: book)
        let good = source.caseUnits.firstIndex(of: "splicing_connectors/good")!
        var plain = 0
        for seed in UInt64(0)..<40 where !(try source.inspection(caseUnit: good, seed: seed).counterfactual) { plain += 1 }
        XCTAssertGreaterThan(plain, 0)
    }

    func testValidationDrawsEverySampleAsItsImageShowsIt() throws {
        let plain = try RenderSource(categories: ["screw_bag"], longSide: 64, paraphrase: true)
        let counterfactual = try RenderSource(categories: ["screw_bag"], longSide: 64, paraphrase: true, counterfactualSteps: 1)
        for unit in plain.caseUnits.indices.prefix(3) {
            let held = try counterfactual.heldOut.inspection(caseUnit: unit, seed: 3)
            XCTAssertFalse(held.counterfactual)
            XCTAssertEqual(held.sample, try plain.inspection(caseUnit: unit, seed: 3).sample)
            XCTAssertTrue(try counterfactual.inspection(caseUnit: unit, seed: 3).counterfactual)
        }
    }

    func testAChanceOfZeroDrawsAsBefore() throws {
        let plain = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: true)
        let off = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: true, counterfactualSteps: 0)
        for unit in plain.caseUnits.indices.prefix(4) {
            let a = try plain.inspection(caseUnit: unit, seed: 7), b = try off.inspection(caseUnit: unit, seed: 7)
            XCTAssertEqual(a.sample, b.sample)
            XCTAssertFalse(b.counterfactual)
        }
    }
}
