import Foundation
import Randomness
import Instruct
import Rules
import Scenes
import XCTest

/// Exports are valid JSONL whose images exist, in both formats, and the same seed gives the same bytes.
final class ExportTests: XCTestCase {
    private var folder: URL!
    private var dataset: URL { folder.appendingPathComponent("data") }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("instruct-export-\(UUID().uuidString)")
        let plan = DatasetPlan(seed: 3, train: 2, validation: 0, testGood: 1, testLogicalPerCase: 1, longSide: 96)
        for c in [SceneCategory.juiceBottle, .pushpins] {
            try DatasetWriter(root: dataset, plan: plan, workers: 1).write(category: c)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func lines(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0))
        }
    }

    func testShareGPTExportIsValidJSONLWithExistingImagesAndPixelBoxes() throws {
        var export = InstructionExport()
        export.format = .sharegpt
        export.augment = 1
        export.violations = 1
        export.seed = 9
        let out = folder.appendingPathComponent("out/train.jsonl")
        let summary = try export.run(dataset: dataset, out: out)
        let records = try lines(out)
        XCTAssertEqual(records.count, summary.samples)
        // 2 categories x (2 train + 1 good + every defect case) sources, each with one augmented copy,
        // and one edit per normal image.
        let sources = 2 * 3 + SceneCategory.juiceBottle.defectCases.count + SceneCategory.pushpins.defectCases.count
        XCTAssertEqual(summary.sourceImages, sources)
        XCTAssertEqual(summary.samples, 2 * sources + 2 * 3 - summary.failedEdits)
        for r in records {
            let messages = try XCTUnwrap(r["messages"] as? [[String: String]])
            XCTAssertEqual(messages.map { $0["role"]! }, ["user", "assistant"])
            XCTAssertTrue(messages[0]["content"]!.hasPrefix("<image>"))
            let response = messages[1]["content"]!
            XCTAssertFalse(response.contains("<loc_"))
            XCTAssertTrue(response.split(separator: "\n").last!.hasPrefix("verdict: "))
            let images = try XCTUnwrap(r["images"] as? [String])
            XCTAssertEqual(images.count, 1)
            XCTAssertTrue(FileManager.default.fileExists(atPath: images[0]), images[0])
        }
        // Pixel boxes read back with the export parser.
        let juice = records.first { ($0["images"] as! [String])[0].contains("juice_bottle/train") }!
        let text = (juice["messages"] as! [[String: String]])[1]["content"]!
        let parsed = CoTParser(plan: try RuleBook.bundled("juice_bottle").plan, style: .export).parse(text, width: 48, height: 96)
        XCTAssertEqual(parsed.missing, [])
        XCTAssertEqual(parsed.verdict, [])
        XCTAssertFalse(parsed.steps.flatMap(\.evidence).isEmpty)
        XCTAssertTrue(summary.text.contains("inspections per defect type:"))
        XCTAssertEqual(summary.perDefect["missing_pushpin"].map { $0 >= 2 }, true)
    }

    func testNativeExportDecodesAndTheSameSeedGivesTheSameBytes() throws {
        var export = InstructionExport()
        export.augment = 2
        export.subquerySamples = true
        export.seed = 4
        let a = folder.appendingPathComponent("a.jsonl"), b = folder.appendingPathComponent("b.jsonl")
        let c = folder.appendingPathComponent("c.jsonl")
        let summary = try export.run(dataset: dataset, out: a, categories: ["pushpins"])
        _ = try export.run(dataset: dataset, out: b, categories: ["pushpins"])
        export.seed = 5
        _ = try export.run(dataset: dataset, out: c, categories: ["pushpins"])
        let textA = try String(contentsOf: a, encoding: .utf8)
        XCTAssertEqual(textA, try String(contentsOf: b, encoding: .utf8).replacingOccurrences(of: "b_images", with: "a_images"))
        XCTAssertNotEqual(textA, try String(contentsOf: c, encoding: .utf8).replacingOccurrences(of: "c_images", with: "a_images"))
        let decoder = JSONDecoder()
        let samples = try textA.split(separator: "\n").map { try decoder.decode(InstructionSample.self, from: Data($0.utf8)) }
        XCTAssertEqual(samples.count, summary.samples)
        let plan = try RuleBook.bundled("pushpins").plan
        let vocabulary = Vocabulary(ruleBooks: [try RuleBook.bundled("pushpins")])
        for s in samples {
            guard case .path(let p) = s.image else { return XCTFail("native export holds pixels") }
            XCTAssertTrue(FileManager.default.fileExists(atPath: p), p)
            XCTAssertEqual(vocabulary.unknownWords(in: s.response), [])
            if s.subquery == nil {
                let parsed = CoTParser(plan: plan).parse(s.response, width: s.width, height: s.height)
                XCTAssertEqual(plan.evaluate(parsed.answers).types, s.defects)
            } else {
                XCTAssertEqual(s.steps.map(\.subquery), [s.subquery!])
            }
        }
        XCTAssertEqual(samples.filter { $0.subquery == nil }.count, summary.sourceImages * 3)
        XCTAssertEqual(summary.perAnswerType.values.reduce(0, +), summary.perSubquery.values.reduce(0, +))
    }

    func testBadInputIsAClearError() {
        let export = InstructionExport()
        let out = folder.appendingPathComponent("x.jsonl")
        XCTAssertThrowsError(try export.run(dataset: folder.appendingPathComponent("nowhere"), out: out)) {
            XCTAssertTrue("\($0)".contains("nowhere"), "\($0)")
        }
        XCTAssertThrowsError(try export.run(dataset: dataset, out: out, categories: ["teapot"])) {
            XCTAssertTrue("\($0)".contains("teapot"), "\($0)")
        }
    }

    func testInMemorySampleRoundTripsThroughJSON() throws {
        let scene = Fixtures.all[0]
        var rng = Randomness.SeededGenerator(seed: 1)
        let sample = try InstructionSynthesizer(plan: Fixtures.plan(scene.annotation.category))
            .inspection(image: scene.image, annotation: scene.annotation, using: &rng)
        let data = try JSONEncoder().encode(sample)
        XCTAssertEqual(try JSONDecoder().decode(InstructionSample.self, from: data), sample)
    }
}
