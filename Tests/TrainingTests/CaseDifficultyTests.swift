import Foundation
import Model
import Tensor
import Training
import XCTest

/// `sampler.caseDifficulty`: a defect case's running difficulty follows the loss of the whole
/// response (`sample`, the default), of its verdict line alone (`verdict`) or of the answers'
/// tokens (`answers`).
final class CaseDifficultyTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("case-difficulty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// After one step, each case's difficulty is the running mean of the verdict-line losses of its
    /// inspections in the batch, as the model before the step scores them.
    func testVerdictCaseDifficultyFollowsTheVerdictLineLoss() throws {
        try assertCaseDifficulty(.verdict) { sample in [try XCTUnwrap(sample.verdictTokens, "every inspection ends with a verdict line")] }
    }

    /// Likewise with the losses of the tokens of the answers (steps' answers and verdict types).
    func testAnswersCaseDifficultyFollowsTheAnswersLoss() throws {
        try assertCaseDifficulty(.answers) { sample in
            let verdict = try XCTUnwrap(sample.verdictTokens)
            XCTAssertGreaterThan(sample.answerTokens.count, sample.steps.count / 2, "most steps record their answer")
            XCTAssertTrue(sample.answerTokens.allSatisfy { r in verdict.contains(r.lowerBound) || sample.steps.contains { $0.tokens.contains(r.lowerBound) && $0.tokens.upperBound >= r.upperBound } })
            XCTAssertLessThan(sample.answerTokens.reduce(0) { $0 + $1.count }, sample.input.answer.count / 2, "subjects and boxes are left out")
            return sample.answerTokens
        }
    }

    /// Trains one step with `difficulty` and checks each drawn case's difficulty against the mean
    /// loss, under the model before the step, of the tokens `tokens` names in its inspections.
    private func assertCaseDifficulty(_ difficulty: SamplerSettings.CaseDifficulty,
                                      tokens: (EncodedSample) throws -> [Range<Int>]) throws {
        var configuration = ResumeTests.tinyConfiguration(steps: 2)
        configuration.batchSize = 8
        configuration.augmentation = 0
        configuration.sampler.subqueryFraction = 0
        configuration.sampler.caseDifficulty = difficulty
        let trainer = try Trainer(configuration: configuration, data: try DataSpecification("render:juice_bottle"),
                                  out: folder, resume: false, log: { _ in })
        let model = trainer.model
        let source = try RenderSource(categories: ["juice_bottle"], longSide: configuration.renderLongSide,
                                      paraphrase: configuration.paraphrase)
        let plan = trainer.state.samplers.plan(step: 0, batchSize: configuration.batchSize, seed: configuration.seed)
        XCTAssertTrue(plan.allSatisfy { $0.kind == .inspection })
        let encoded = try plan.map { p in
            try EncodedSample(try source.inspection(caseUnit: p.unit, seed: p.seed), config: model.config, tokenizer: model.tokenizer)
        }
        let batch = try VLMBatch(samples: encoded.map(\.input), config: model.config, tokenizer: model.tokenizer)
        let report = withoutGradients { model.loss(batch, training: false) }

        var expected = trainer.state.samplers.cases, wholeResponse = expected
        for (b, (p, sample)) in zip(plan, encoded).enumerated() {
            let losses = try tokens(sample).joined().map { Double(report.tokenLosses[b * batch.textLength + batch.answerStart + $0]) }
            expected.observe(p.unit, loss: losses.reduce(0, +) / Double(losses.count))
            wholeResponse.observe(p.unit, loss: Double(report.sampleLosses[b]))
        }
        _ = try trainer.run(stopAfterStep: 1)
        let observed = trainer.state.samplers.cases
        XCTAssertEqual(observed.observations, expected.observations)
        var differs = false
        for i in observed.units.indices {
            guard let got = observed.difficulties[i], let want = expected.difficulties[i] else {
                XCTAssertNil(observed.difficulties[i], "\(observed.units[i]) was not drawn")
                continue
            }
            XCTAssertEqual(got, want, accuracy: 1e-4 * max(1, want), observed.units[i])
            if abs(got - wholeResponse.difficulties[i]!) > 1e-3 { differs = true }
        }
        XCTAssertTrue(differs, "the \(difficulty) loss is not the whole response's")
    }

    func testSampleIsTheDefaultAndConfigsNameTheChoice() throws {
        XCTAssertEqual(SamplerSettings().caseDifficulty, .sample)
        let decoded = try JSONDecoder().decode(SamplerSettings.self, from: Data(#"{"caseDifficulty": "verdict"}"#.utf8))
        XCTAssertEqual(decoded.caseDifficulty, .verdict)
        let answers = try JSONDecoder().decode(SamplerSettings.self, from: Data(#"{"caseDifficulty": "answers"}"#.utf8))
        XCTAssertEqual(answers.caseDifficulty, .answers)
        XCTAssertThrowsError(try JSONDecoder().decode(SamplerSettings.self, from: Data(#"{"caseDifficulty": "steps"}"#.utf8))) { e in
            XCTAssertTrue("\(e)".contains("must be sample, verdict or answers, got 'steps'"), "\(e)")
        }
    }
}
