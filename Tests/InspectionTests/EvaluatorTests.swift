import Dataset
import Foundation
import Imaging
import Inspection
import Instruct
import Rules
import Scenes
import XCTest

/// Evaluation over rendered datasets: the JSON keys, the protocol's choice of images, and scores
/// checked against a generator that answers exactly what the annotations say.
final class EvaluatorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder("evaluator") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func render(testGood: Int, validation: Int, perCase: Int = 1) throws -> LocoDataset {
        let plan = DatasetPlan(seed: 11, train: 0, validation: validation, testGood: testGood,
                               testLogicalPerCase: perCase, longSide: 96)
        _ = try DatasetWriter(root: folder, plan: plan, workers: 2).write(category: .juiceBottle)
        return try LocoDataset(root: folder, category: "juice_bottle")
    }

    /// Writes, for each image, the chain-of-thought of its annotation: a model that is never wrong,
    /// sure of every token except the verdict's first, which it gives `verdictProbability`.
    private struct AnnotationResponder: ResponseGenerator {
        let responses: [RGBImage: String]
        func respond(to images: [RGBImage], prompt: String) throws -> [TokenTrace] {
            try images.map { image in
                guard let text = responses[image] else { throw InspectionError.generationFailed("unknown image") }
                var pieces: [String] = []
                for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if i > 0 { pieces.append("\n") }
                    for (j, word) in line.split(separator: " ").enumerated() { pieces.append(j == 0 ? String(word) : " " + word) }
                }
                let verdictWord = pieces.lastIndex { $0.hasPrefix("verdict:") }.map { $0 + 1 } ?? -1
                return TokenTrace(pieces: pieces, probabilities: pieces.indices.map { $0 == verdictWord ? 0.8 : 1 })
            }
        }
    }

    func testAModelThatAnswersLikeTheAnnotationsScoresPerfectly() throws {
        let dataset = try render(testGood: 3, validation: 0)
        let plan = try RuleBook.bundled("juice_bottle").plan
        let synthesizer = InstructionSynthesizer(plan: plan, paraphrase: false)
        var responses: [RGBImage: String] = [:]
        for sample in Evaluator.protocolSamples(dataset) {
            let image = try ImageDecoder.load(sample.imageURL, mode: .rgb)
            let annotation = try XCTUnwrap(sample.annotation)
            let result = try synthesizer.label(annotation, width: image.width, height: image.height)
            responses[image] = try synthesizer.writer.inspection(trail: result.trail, verdict: result.types,
                                                                 width: image.width, height: image.height).response
        }
        let evaluation = try Evaluator(generator: AnnotationResponder(responses: responses), modelName: "oracle")
            .evaluate(dataset, confusionDirectory: folder.appendingPathComponent("figures"))
        XCTAssertEqual(evaluation.failed, 0)
        XCTAssertEqual(evaluation.scores.auroc, 1)             // normal 0.2 < anomalous 0.8 everywhere
        XCTAssertEqual(evaluation.scores.f1Max, 1)
        XCTAssertEqual(evaluation.scores.verdictAccuracy, 1)
        XCTAssertEqual(evaluation.scores.verdictAgreement, 1)
        XCTAssertEqual(evaluation.scores.typeAccuracy, 1)
        XCTAssertEqual(evaluation.scores.exactMatch, 1)
        XCTAssertEqual(evaluation.scores.typeMacroF1, 1)
        XCTAssertEqual(evaluation.scores.coarseF1, 1)
        // Boxes are quantised to 64 bins of a 96-pixel-high image: close to, not exactly, the parts.
        let iou = try XCTUnwrap(evaluation.scores.groundingIoU)
        XCTAssertGreaterThan(iou, 0.6); XCTAssertLessThanOrEqual(iou, 1)
        XCTAssertEqual(Set(evaluation.perType.keys), Set(dataset.samples.flatMap(\.defectTypes)))
        XCTAssertTrue(evaluation.perType.values.allSatisfy { $0.f1 == 1 })

        let png = try Data(contentsOf: URL(fileURLWithPath: try XCTUnwrap(evaluation.confusionMatrix)))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    func testAVerdictThatDeniesItsStepsLowersTheAgreementAlone() throws {
        let dataset = try render(testGood: 3, validation: 0)
        let plan = try RuleBook.bundled("juice_bottle").plan
        let synthesizer = InstructionSynthesizer(plan: plan, paraphrase: false)
        var responses: [RGBImage: String] = [:]
        var denied = 0
        let samples = Evaluator.protocolSamples(dataset)
        for (i, sample) in samples.enumerated() {
            let image = try ImageDecoder.load(sample.imageURL, mode: .rgb)
            let result = try synthesizer.label(try XCTUnwrap(sample.annotation), width: image.width, height: image.height)
            // Every third image's verdict line says the opposite of its steps: a fault after a good
            // product's steps, normal after a faulty one's.
            let types = i % 3 != 0 ? result.types : result.types.isEmpty ? ["missing_label"] : []
            if types != result.types { denied += 1 }
            responses[image] = try synthesizer.writer.inspection(trail: result.trail, verdict: types,
                                                                 width: image.width, height: image.height).response
        }
        XCTAssertGreaterThan(denied, 0)
        let evaluation = try Evaluator(generator: AnnotationResponder(responses: responses), modelName: "denier").evaluate(dataset)
        XCTAssertEqual(try XCTUnwrap(evaluation.scores.verdictAgreement), Double(samples.count - denied) / Double(samples.count),
                       accuracy: 1e-12)
        // The reported types are the rule engine's, so the types still score perfectly.
        XCTAssertEqual(evaluation.scores.typeMacroF1, 1)
    }

    func testReportJSONHasTheDocumentedKeysPerCategoryAndMean() throws {
        let dataset = try render(testGood: 2, validation: 0)
        let evaluation = try Evaluator(generator: try TinyInspectionModel.make(), modelName: "tiny", batchSize: 4)
            .evaluate(dataset)
        XCTAssertNil(evaluation.confusionMatrix)
        let report = EvaluationReport(categories: ["juice_bottle": evaluation])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["categories", "mean"])
        let scoreKeys: Set<String> = ["auroc", "f1_max", "type_macro_f1", "type_accuracy", "exact_match",
                                      "verdict_accuracy", "verdict_agreement", "coarse_f1", "grounding_iou"]
        let category = try XCTUnwrap((json["categories"] as? [String: Any])?["juice_bottle"] as? [String: Any])
        XCTAssertTrue(scoreKeys.isSubset(of: Set(category.keys)), "\(category.keys)")
        XCTAssertTrue(["images", "failed", "per_type", "confusion_matrix"].allSatisfy { category[$0] != nil })
        XCTAssertEqual(category["images"] as? Int, Evaluator.protocolSamples(dataset).count)
        let mean = try XCTUnwrap(json["mean"] as? [String: Any])
        XCTAssertEqual(Set(mean.keys), scoreKeys)
        // One category: its mean is itself.
        for key in scoreKeys where !(category[key] is NSNull) {
            XCTAssertEqual(mean[key] as? Double, category[key] as? Double, key)
        }
        let table = report.markdownTable()
        XCTAssertTrue(table.contains("| juice_bottle |"))
        XCTAssertTrue(table.contains("| **mean** |"))
    }

    func testWithoutTestGoodTheValidationGoodImagesAreTheNormals() throws {
        let dataset = try render(testGood: 0, validation: 2)
        let samples = Evaluator.protocolSamples(dataset)
        XCTAssertEqual(samples.filter { $0.label == .good }.map(\.split), [.validation, .validation])
        XCTAssertFalse(samples.contains { $0.label == .structuralAnomalies || $0.split == .train })
        XCTAssertEqual(samples.filter { $0.label == .logicalAnomalies }.count,
                       dataset.samples(split: .test, label: .logicalAnomalies).count)
    }

    func testWithoutAnnotationsGroundingIsUndefinedAndTheRestIsScored() throws {
        _ = try render(testGood: 0, validation: 2)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("juice_bottle/annotations"))
        let dataset = try LocoDataset(root: folder, category: "juice_bottle")
        XCTAssertTrue(dataset.samples.allSatisfy { $0.annotation == nil })
        let evaluation = try Evaluator(generator: try TinyInspectionModel.make(), modelName: "tiny", batchSize: 8)
            .evaluate(dataset)
        XCTAssertNil(evaluation.scores.groundingIoU)
        XCTAssertNotNil(evaluation.scores.auroc)
        XCTAssertNotNil(evaluation.scores.exactMatch)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(
            with: EvaluationReport(categories: ["juice_bottle": evaluation]).jsonData()) as? [String: Any])
        let category = try XCTUnwrap((json["categories"] as? [String: Any])?["juice_bottle"] as? [String: Any])
        XCTAssertTrue(category["grounding_iou"] is NSNull)
        XCTAssertTrue((json["mean"] as? [String: Any])?["grounding_iou"] is NSNull)
        XCTAssertTrue(EvaluationReport(categories: ["juice_bottle": evaluation]).markdownTable().contains("n/a"))
    }

    func testMeanAveragesOnlyDefinedScores() {
        let mean = LACScores.mean([LACScores(auroc: 0.5, f1Max: 0.2), LACScores(auroc: 1.0, f1Max: nil)])
        XCTAssertEqual(mean.auroc, 0.75)
        XCTAssertEqual(mean.f1Max, 0.2)
        XCTAssertNil(mean.groundingIoU)
    }
}
