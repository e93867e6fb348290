import Foundation
import Model
import Rules
import Training
import XCTest

/// `--init` (a new run from a saved model's weights) and `--rules` (another rule-book for the
/// chain-of-thought and the labels), and how a checkpoint keeps both for `--resume`.
final class FineTuningTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("training-finetune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The tiny configuration without dropout, so that a training step's loss is the model's loss.
    private func configuration(steps: Int) -> TrainingConfiguration {
        var c = ResumeTests.tinyConfiguration(steps: steps)
        c.model.dropout = 0
        return c
    }

    /// A tiny model trained for two steps on pushpin and juice_bottle renders, saved in `base/`.
    private func savedModel() throws -> URL {
        let out = folder.appendingPathComponent("base")
        _ = try Trainer(configuration: configuration(steps: 2), data: try DataSpecification("render:pushpins,juice_bottle"),
                        out: out, resume: false, log: { _ in }).run()
        return out
    }

    /// The shipped juice_bottle rule-book with the normal fill band moved to 0.30..0.40, so a
    /// normally filled bottle is too full.
    private func lowFillRuleBook() throws -> URL {
        let shipped = try String(contentsOfFile: try RuleBook.bundled("juice_bottle").file, encoding: .utf8)
        let edited = shipped.replacingOccurrences(of: "normal: \"0.72..0.80\"", with: "normal: \"0.30..0.40\"")
            .replacingOccurrences(of: "when: \">0.84\"", with: "when: \">0.42\"")
            .replacingOccurrences(of: "when: \"<0.68\"", with: "when: \"<0.28\"")
        XCTAssertNotEqual(edited, shipped, "the shipped fill band changed; update this test")
        let url = folder.appendingPathComponent("juice_bottle_low_fill.yaml")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testInitStartsFromTheSavedWeightsAndItsFirstLossIsTheSavedModelsLoss() throws {
        let base = try savedModel()
        let saved = try VLM.load(directory: base)
        let spec = try DataSpecification("render:pushpins")
        let trainer = try Trainer(configuration: configuration(steps: 4), data: spec, out: folder.appendingPathComponent("tuned"),
                                  resume: false, initialModel: base, log: { _ in })
        XCTAssertEqual(trainer.model.config, saved.config)
        XCTAssertEqual(trainer.model.tokenizer, saved.tokenizer)
        XCTAssertEqual(trainer.state.initialModel, base.path)
        let copy = folder.appendingPathComponent("copy")
        try trainer.model.save(to: copy)
        XCTAssertEqual(try Data(contentsOf: copy.appendingPathComponent(VLM.weightsFile)),
                       try Data(contentsOf: base.appendingPathComponent(VLM.weightsFile)))

        // The loss of step 0's batch under the saved model, computed here from the public parts.
        let c = trainer.configuration
        let source = try RenderSource(categories: ["pushpins"], longSide: c.renderLongSide, paraphrase: c.paraphrase,
                                      augmentation: c.augmentation)
        let encoded = try trainer.state.samplers.plan(step: 0, batchSize: c.batchSize, seed: c.seed).map { p in
            let drawn = p.kind == .inspection ? try source.inspection(caseUnit: p.unit, seed: p.seed)
                                              : try source.subquerySample(subqueryUnit: p.unit, seed: p.seed)
            return try EncodedSample(drawn, config: saved.config, tokenizer: saved.tokenizer).input
        }
        let expected = saved.loss(try VLMBatch(samples: encoded, config: saved.config, tokenizer: saved.tokenizer)).loss.item
        _ = try trainer.run(stopAfterStep: 1)
        XCTAssertEqual(try XCTUnwrap(trainer.lastLoss), expected, accuracy: 1e-5 * max(1, abs(expected)))
    }

    func testInitRefusesAnotherArchitectureMissingWordsResumeAndAMissingModel() throws {
        let base = try savedModel()
        let spec = try DataSpecification("render:pushpins")
        var wider = configuration(steps: 4)
        wider.model.decoderWidth = 64
        XCTAssertThrowsError(try Trainer(configuration: wider, data: spec, out: folder.appendingPathComponent("a"), resume: false,
                                         initialModel: base, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("decoderWidth: 64 vs 32"), "\(error)")
        }

        // A model whose tokenizer knows none of the pushpin words.
        let small = try Tokenizer(words: ["verdict", "normal"])
        let narrow = folder.appendingPathComponent("narrow")
        try VLM(config: configuration(steps: 1).model.resolved(vocabularySize: small.count), tokenizer: small).save(to: narrow)
        XCTAssertThrowsError(try Trainer(configuration: nil, data: spec, out: folder.appendingPathComponent("b"), resume: false,
                                         initialModel: narrow, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("lacks") && "\(error)".contains("pushpin"), "\(error)")
        }

        XCTAssertThrowsError(try Trainer(configuration: nil, data: spec, out: base, resume: true, initialModel: base, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("--init"), "\(error)")
        }
        XCTAssertThrowsError(try Trainer(configuration: nil, data: spec, out: folder.appendingPathComponent("c"), resume: false,
                                         initialModel: folder.appendingPathComponent("nowhere"), log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("cannot load the model"), "\(error)")
        }
    }

    func testRulesChangeTheVerdictOfAGoodBottle() throws {
        let (_, book) = try RuleBookChoice.load(try lowFillRuleBook())
        let shipped = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: false)
        let edited = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: false, ruleBook: book)
        let good = shipped.caseUnits.firstIndex(of: "juice_bottle/good")!
        XCTAssertEqual(try shipped.inspection(caseUnit: good, seed: 3).sample.defects, [])
        XCTAssertEqual(try edited.inspection(caseUnit: good, seed: 3).sample.defects, ["wrong_fill_level_too_much"])
        // A rule-book of a category the data does not hold is refused.
        XCTAssertThrowsError(try RenderSource(categories: ["pushpins"], longSide: 64, paraphrase: false, ruleBook: book)) { error in
            XCTAssertTrue("\(error)".contains("which the data does not hold"), "\(error)")
        }
    }

    func testRulesErrorsAreTheLoadersAndJSONLRefusesThem() throws {
        let spec = try DataSpecification("render:juice_bottle")
        XCTAssertThrowsError(try Trainer(configuration: configuration(steps: 2), data: spec, out: folder.appendingPathComponent("a"),
                                         resume: false, ruleBook: folder.appendingPathComponent("missing.yaml"), log: { _ in })) { error in
            XCTAssertTrue(error is RulesError && "\(error)".contains("missing.yaml"), "\(error)")
        }
        let broken = folder.appendingPathComponent("broken.yaml")
        try "category: juice_bottle\nplan: [".write(to: broken, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Trainer(configuration: configuration(steps: 2), data: spec, out: folder.appendingPathComponent("b"),
                                         resume: false, ruleBook: broken, log: { _ in })) { error in
            XCTAssertTrue(error is RuleBookError, "\(error)")
        }
        let jsonl = folder.appendingPathComponent("samples.jsonl")
        try "{}".write(to: jsonl, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Trainer(configuration: configuration(steps: 2), data: .jsonl(jsonl), out: folder.appendingPathComponent("c"),
                                         resume: false, ruleBook: try lowFillRuleBook(), log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("applies to renders and dataset folders"), "\(error)")
        }
    }

    func testResumeWithInitAndRulesContinuesExactlyAndRefusesAnotherRuleBook() throws {
        let base = try savedModel()
        let rules = try lowFillRuleBook()
        let spec = try DataSpecification("render:juice_bottle")
        let c = configuration(steps: 4)
        let straightOut = folder.appendingPathComponent("straight"), resumedOut = folder.appendingPathComponent("resumed")
        let full = try Trainer(configuration: c, data: spec, out: straightOut, resume: false, initialModel: base, ruleBook: rules,
                               log: { _ in }).run()
        _ = try Trainer(configuration: c, data: spec, out: resumedOut, resume: false, initialModel: base, ruleBook: rules,
                        log: { _ in }).run(stopAfterStep: 2)

        // The model keeps its rule-book for classify and eval; a model trained without --rules has none.
        XCTAssertEqual(try String(contentsOf: ModelRuleBook.url(model: straightOut, category: "juice_bottle"), encoding: .utf8),
                       try String(contentsOf: rules, encoding: .utf8))
        XCTAssertEqual(try ModelRuleBook.saved(model: straightOut, category: "juice_bottle")?.category, "juice_bottle")
        XCTAssertNil(try ModelRuleBook.saved(model: base, category: "juice_bottle"))
        XCTAssertNil(try ModelRuleBook.saved(model: straightOut, category: "pushpins"))
        // A kept file of another product is refused, not applied.
        try ModelRuleBook.save(file: URL(fileURLWithPath: try RuleBook.bundled("pushpins").file), category: "screw_bag", model: base)
        XCTAssertThrowsError(try ModelRuleBook.saved(model: base, category: "screw_bag")) { error in
            XCTAssertTrue("\(error)".contains("declares category 'pushpins'"), "\(error)")
        }

        // Without --rules the recorded rule-book is read again; another text is refused.
        let resumed = try Trainer(configuration: nil, data: spec, out: resumedOut, resume: true, log: { _ in })
        XCTAssertEqual(resumed.state.ruleBook?.path, rules.path)
        XCTAssertEqual(resumed.state.initialModel, base.path)
        let rest = try resumed.run()
        XCTAssertEqual(rest.state.step, 4)
        XCTAssertEqual(try Data(contentsOf: straightOut.appendingPathComponent(VLM.weightsFile)),
                       try Data(contentsOf: resumedOut.appendingPathComponent(VLM.weightsFile)))
        XCTAssertEqual(full.state.samplers, rest.state.samplers)

        let other = folder.appendingPathComponent("other.yaml")
        try (try String(contentsOf: rules, encoding: .utf8)).replacingOccurrences(of: "0.30..0.40", with: "0.31..0.40")
            .write(to: other, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Trainer(configuration: nil, data: spec, out: resumedOut, resume: true, ruleBook: other, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("differs from the one the checkpoint trained with"), "\(error)")
        }
        XCTAssertThrowsError(try Trainer(configuration: nil, data: try DataSpecification("render:pushpins,juice_bottle"), out: base,
                                         resume: true, ruleBook: rules, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("shipped rule-books"), "\(error)")
        }
    }
}
