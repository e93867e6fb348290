import Dataset
import Foundation
import Inspection
import Scenes
import XCTest

/// The `logicls classify` and `eval` commands as a user runs them, with a tiny saved model.
final class CommandLineTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder("cli") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The `logicls` built beside this test bundle.
    private var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("logicls")
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("logicls is not built beside the tests at \(executable.path)")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    func testClassifyGivesAnErrorEntryForABadImageAndExitsNonZeroAtTheEnd() throws {
        let model = try TinyInspectionModel.saved(in: folder)
        let good = folder.appendingPathComponent("good.png"), bad = folder.appendingPathComponent("bad.png")
        try Fixtures.writeImage(to: good, width: 64, height: 128)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).write(to: bad)
        let report = folder.appendingPathComponent("report")
        let result = try run(["classify", "--category", "juice_bottle", "--model", model.path, "--json",
                              "--report", report.path, bad.path, good.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("1 of 2 images could not be classified"), result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let images = try XCTUnwrap(json["images"] as? [[String: Any]])
        XCTAssertEqual(images.map { $0["status"] as? String }, ["error", "ok"])
        XCTAssertEqual(images[1]["width"] as? Int, 64)
        for key in ["verdict", "anomaly_score", "violated_types", "steps", "model_verdict", "agrees_with_rules"] {
            XCTAssertTrue(images[1].keys.contains(key), key)
        }
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("overlays/"))
    }

    func testTrainOverridesSetUpTheRunGiveTheModelAPartMapHeadAndAResumeRefusesThem() throws {
        let config = folder.appendingPathComponent("tiny.yaml")
        try """
        model: {imageSize: 32, patchSize: 8, visionWidth: 16, visionLayers: 1, visionHeads: 2, decoderWidth: 32, decoderLayers: 1, decoderHeads: 2}
        batchSize: 2
        warmupSteps: 1
        validationSamples: 0
        validationGenerations: 0
        renderLongSide: 64
        """.write(to: config, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("model")
        let result = try run(["train", "--data", "render:pushpins", "--config", config.path, "--steps", "2", "--part-map-weight", "0.5",
                              "--verdict-weight", "3", "--varied-scenes", "0.25", "--part-map-flags", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("partMapWeight: 5e-1") && result.stderr.contains("part map: weight 0.5"), result.stderr)
        XCTAssertTrue(result.stderr.contains("verdictWeight: 3e+0"), result.stderr)
        XCTAssertTrue(result.stderr.contains("variedScenes: 2.5e-1") && result.stderr.contains("varied scenes: chance 0.25 per render of juice_bottle, pushpins, screw_bag, splicing_connectors"),
                      result.stderr)
        let saved = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("config.json"))) as? [String: Any])
        XCTAssertEqual((saved["partClasses"] as? [String])?.first, "background")
        XCTAssertTrue((saved["partClasses"] as? [String])?.contains("pushpin") == true)
        // --part-map-flags: a missing separator is a class of its own.
        XCTAssertTrue(result.stderr.contains("partMapFlags: true"), result.stderr)
        XCTAssertTrue((saved["partClasses"] as? [String])?.contains("separator.not_present") == true)

        for option in [["--part-map-weight", "1"], ["--verdict-weight", "1"], ["--varied-scenes", "1"], ["--part-map-flags"]] {
            let resumed = try run(["train", "--data", "render:pushpins", "--out", out.path, "--resume"] + option)
            XCTAssertNotEqual(resumed.status, 0)
            XCTAssertTrue(resumed.stderr.contains("a resumed run keeps its own"), resumed.stderr)
        }
    }

    func testAMissingModelIsAClearError() throws {
        let image = folder.appendingPathComponent("a.png")
        try Fixtures.writeImage(to: image)
        let result = try run(["classify", "--category", "juice_bottle", "--model", folder.appendingPathComponent("none").path, image.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("model not found"), result.stderr)
    }

    func testEvalWritesTheJSONKeysTheTableAndTheConfusionMatrix() throws {
        let model = try TinyInspectionModel.saved(in: folder)
        let data = folder.appendingPathComponent("data")
        _ = try DatasetWriter(root: data, plan: DatasetPlan(seed: 5, train: 0, validation: 0, testGood: 2,
                                                            testLogicalPerCase: 1, longSide: 64), workers: 2)
            .write(category: .juiceBottle)
        let jsonURL = folder.appendingPathComponent("eval.json"), figures = folder.appendingPathComponent("figures")
        let result = try run(["eval", "--dataset", data.path, "--model", model.path, "--json", jsonURL.path,
                              "--figures", figures.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let table = String(decoding: result.stdout, as: UTF8.self)
        XCTAssertTrue(table.hasPrefix("| category | images | AUROC |"), table)
        XCTAssertTrue(table.contains("| juice_bottle |") && table.contains("| **mean** |"), table)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL)) as? [String: Any])
        let category = try XCTUnwrap((json["categories"] as? [String: Any])?["juice_bottle"] as? [String: Any])
        let mean = try XCTUnwrap(json["mean"] as? [String: Any])
        for key in ["auroc", "f1_max", "type_macro_f1", "type_accuracy", "exact_match"] {
            XCTAssertNotNil(category[key] as? Double, key)
            XCTAssertNotNil(mean[key] as? Double, key)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: figures.appendingPathComponent("confusion-juice_bottle.png").path))
        XCTAssertEqual(category["excluded_as_trained"] as? Int, 0)
        let scored = try XCTUnwrap(category["images"] as? Int)

        // Images the model was trained on are never scored: listed ones are left out and said so;
        // when it saw them all there is nothing to evaluate, and that is an error.
        let test = try LocoDataset(root: data, category: "juice_bottle")
        let logical = test.samples(split: .test, label: .logicalAnomalies).map(\.imageURL)
        try TrainingImages.write(Array(logical.prefix(2)), model: model)
        let again = try run(["eval", "--dataset", data.path, "--model", model.path, "--json", jsonURL.path, "--figures", figures.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(String(decoding: again.stdout, as: UTF8.self).contains("juice_bottle: left out 2 test images the model was trained on"))
        let second = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL)) as? [String: Any])
        let category2 = try XCTUnwrap((second["categories"] as? [String: Any])?["juice_bottle"] as? [String: Any])
        XCTAssertEqual(category2["excluded_as_trained"] as? Int, 2)
        XCTAssertEqual(category2["images"] as? Int, scored - 2)

        try TrainingImages.write(Evaluator.protocolSamples(test).map(\.imageURL), model: model)
        let none = try run(["eval", "--dataset", data.path, "--model", model.path])
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("the model was trained on all"), none.stderr)
    }

    func testEvalAndClassifyUseTheModelOfEachCategoryInAPerCategoryFolder() throws {
        let set = folder.appendingPathComponent("per-category")
        try TinyInspectionModel.make().save(to: set.appendingPathComponent("juice_bottle"))
        let data = folder.appendingPathComponent("data")
        _ = try DatasetWriter(root: data, plan: DatasetPlan(seed: 5, train: 0, validation: 0, testGood: 1,
                                                            testLogicalPerCase: 1, longSide: 64), workers: 2)
            .write(category: .juiceBottle)
        let jsonURL = folder.appendingPathComponent("eval.json")
        let result = try run(["eval", "--dataset", data.path, "--model", set.path, "--json", jsonURL.path,
                              "--figures", folder.appendingPathComponent("figures").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL)) as? [String: Any])
        XCTAssertNotNil((json["categories"] as? [String: Any])?["juice_bottle"])

        let image = folder.appendingPathComponent("a.png")
        try Fixtures.writeImage(to: image, width: 64, height: 128)
        let classified = try run(["classify", "--category", "juice_bottle", "--model", set.path, "--json", image.path])
        XCTAssertEqual(classified.status, 0, classified.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: classified.stdout) as? [String: Any])
        XCTAssertEqual(report["model"] as? String, set.appendingPathComponent("juice_bottle").standardizedFileURL.path)

        // A folder without a model for the category says which file it looked for.
        let other = try run(["classify", "--category", "pushpins", "--model", set.path, image.path])
        XCTAssertNotEqual(other.status, 0)
        XCTAssertTrue(other.stderr.contains("pushpins/config.json"), other.stderr)
    }
}
