import Dataset
import Foundation
import Instruct
import Scenes
import Training
import XCTest

/// The three kinds of `--data`: renders, a native JSONL file, a LOCO-layout folder. Each groups
/// its samples into the units the resampler weighs, draws reproducibly, and trains.
final class DataSourceTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("training-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testRenderUnitsCoverEveryCaseAndSubquery() throws {
        let source = try RenderSource(categories: ["pushpins"], longSide: 64, paraphrase: true)
        let cases = SceneCategory.pushpins.defectCases
        XCTAssertEqual(source.caseUnits.count, cases.count + 1)
        XCTAssertEqual(source.caseUnits.first, "pushpins/good")
        XCTAssertTrue(source.caseUnits.contains("pushpins/1_additional_pushpin+missing_pushpin"))
        XCTAssertFalse(source.subqueryUnits.isEmpty)
        XCTAssertTrue(source.subqueryUnits.allSatisfy { $0.hasPrefix("pushpins/") })

        // A case unit renders that case (the oracle's types), the same way for the same seed.
        let unit = source.caseUnits.firstIndex(of: "pushpins/missing_separator")!
        let a = try source.inspection(caseUnit: unit, seed: 5), b = try source.inspection(caseUnit: unit, seed: 5)
        XCTAssertEqual(a.sample.defects, ["missing_separator"])
        XCTAssertEqual(a.sample, b.sample)
        XCTAssertNotEqual(a.sample.response, try source.inspection(caseUnit: unit, seed: 6).sample.response)

        let sub = try source.subquerySample(subqueryUnit: 0, seed: 1)
        XCTAssertEqual(sub.sample.subquery.map { "pushpins/\($0)" }, source.subqueryUnits[0])
    }

    func testRenderAugmentation() throws {
        let plain = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: false)
        let never = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: false, augmentation: 0)
        let always = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: false, augmentation: 1)
        let good = plain.caseUnits.firstIndex(of: "juice_bottle/good")!
        var changed = 0
        for seed in UInt64(0)..<6 {
            // Probability 0 draws nothing from the stream: the samples of a run without it.
            let a = try plain.inspection(caseUnit: good, seed: seed), b = try never.inspection(caseUnit: good, seed: seed)
            XCTAssertEqual(a.sample, b.sample)
            XCTAssertEqual(a.image.pixels, b.image.pixels)
            XCTAssertTrue(a.sample.augmentations.isEmpty)
            let c = try always.inspection(caseUnit: good, seed: seed)
            XCTAssertFalse(c.sample.augmentations.isEmpty)
            XCTAssertEqual([c.image.width, c.image.height], [c.sample.width, c.sample.height])
            if c.sample.response != a.sample.response { changed += 1 }
            let sub = try always.subquerySample(subqueryUnit: 0, seed: seed)
            XCTAssertFalse(sub.sample.augmentations.isEmpty)
        }
        // The boxes move with the pixels (canonical wording here), so the text changes too.
        XCTAssertGreaterThan(changed, 0)
    }

    func testJSONLSourceGroupsByCaseAndSubqueryAndTrains() throws {
        let render = try RenderSource(categories: ["juice_bottle"], longSide: 64, paraphrase: true)
        let good = render.caseUnits.firstIndex(of: "juice_bottle/good")!
        let rare = render.caseUnits.firstIndex(of: "juice_bottle/missing_fruit_icon")!
        var samples = try (0..<3).map { try render.inspection(caseUnit: good, seed: UInt64($0)).sample }
        samples.append(try render.inspection(caseUnit: rare, seed: 9).sample)
        samples.append(try render.subquerySample(subqueryUnit: 0, seed: 3).sample)
        let encoder = JSONEncoder()
        let lines = try samples.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let file = folder.appendingPathComponent("samples.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)

        let source = try JSONLSource(file: file)
        XCTAssertEqual(source.caseUnits, ["juice_bottle/good", "juice_bottle/missing_fruit_icon"])
        XCTAssertEqual(source.caseFrequencies, [3, 1])
        XCTAssertEqual(source.subqueryUnits, [render.subqueryUnits[0]])
        XCTAssertEqual(try source.inspection(caseUnit: 1, seed: 0).sample, samples[3])

        var c = ResumeTests.tinyConfiguration(steps: 2)
        c.validationSamples = 2
        let trainer = try Trainer(configuration: c, data: .jsonl(file), out: folder.appendingPathComponent("run"), resume: false, log: { _ in })
        let outcome = try trainer.run()
        XCTAssertEqual(outcome.reason, .finished)
        let validation = try XCTUnwrap(outcome.lastValidation)
        XCTAssertTrue(validation.loss.isFinite && validation.loss > 0)
        XCTAssertTrue((0...1).contains(validation.tokenAccuracy))
        // The rare case is weighed up by rarity: above its 1/4 share of the data.
        XCTAssertGreaterThan(outcome.state.samplers.cases.probabilities[1], 0.25)
    }

    func testDatasetFolderSource() throws {
        let root = folder.appendingPathComponent("loco")
        let plan = DatasetPlan(seed: 3, train: 2, validation: 0, testGood: 1, testLogicalPerCase: 1, longSide: 64)
        _ = try DatasetWriter(root: root, plan: plan, workers: 1).write(category: .pushpins)
        let source = try DatasetSource(root: root, splits: ["train", "validation", "test"], paraphrase: false)
        XCTAssertEqual(source.caseUnits.count, SceneCategory.pushpins.defectCases.count + 1)
        let goodIndex = try XCTUnwrap(source.caseUnits.firstIndex(of: "pushpins/good"))
        XCTAssertEqual(source.caseFrequencies[goodIndex], 3)
        let drawn = try source.inspection(caseUnit: goodIndex, seed: 1)
        XCTAssertEqual(drawn.sample.defects, [])
        XCTAssertEqual(drawn.image.width, 64)

        // The category folder itself (whose annotations/ folder holds split folders too) reads
        // the same images as the root above it.
        let categoryFolder = try DatasetSource(root: root.appendingPathComponent("pushpins"), splits: ["train", "validation", "test"], paraphrase: false)
        XCTAssertEqual(categoryFolder.caseUnits, source.caseUnits)
        XCTAssertEqual(categoryFolder.caseFrequencies, source.caseFrequencies)

        // Augmented draws write their chain-of-thought from the moved annotation and say so.
        let augmented = try DatasetSource(root: root, splits: ["train"], paraphrase: false, augmentation: 1)
        for seed in UInt64(0)..<4 {
            let drawn = try augmented.inspection(caseUnit: 0, seed: seed)
            XCTAssertFalse(drawn.sample.augmentations.isEmpty)
            XCTAssertEqual(drawn.image.width, drawn.sample.width)
        }

        let trainOnly = try DatasetSource(root: root, splits: ["train"], paraphrase: false)
        XCTAssertEqual(trainOnly.caseUnits, ["pushpins/good"])
        XCTAssertThrowsError(try DatasetSource(root: root, splits: ["validation"], paraphrase: false)) { error in
            XCTAssertTrue("\(error)".contains("no annotated"), "\(error)")
        }
    }

    /// A model trained on image files lists them by content, so eval can leave them out; a model
    /// fine-tuned from it inherits its list; a model trained on renders lists nothing.
    func testTrainingOnADatasetListsItsImagesInTheModelFolder() throws {
        let root = folder.appendingPathComponent("loco")
        let plan = DatasetPlan(seed: 4, train: 2, validation: 1, testGood: 1, testLogicalPerCase: 0, longSide: 64)
        _ = try DatasetWriter(root: root, plan: plan, workers: 1).write(category: .pushpins)
        var c = ResumeTests.tinyConfiguration(steps: 2)
        c.datasetSplits = ["train"]
        let out = folder.appendingPathComponent("model")
        _ = try Trainer(configuration: c, data: try DataSpecification(root.path), out: out, resume: false, log: { _ in }).run()
        let listed = try XCTUnwrap(try TrainingImages.saved(model: out))
        let dataset = try LocoDataset(root: root, category: "pushpins")
        let train = dataset.samples(split: .train, label: .good), test = dataset.samples(split: .test, label: .good)
        XCTAssertEqual(listed.fingerprints.count, 2)
        for sample in train { XCTAssertTrue(try listed.contains(sample.imageURL), sample.path) }
        XCTAssertFalse(try listed.contains(test[0].imageURL))
        // A copy of a training image elsewhere is still recognised: identity is the content.
        let copy = folder.appendingPathComponent("copy.png")
        try FileManager.default.copyItem(at: train[0].imageURL, to: copy)
        XCTAssertTrue(try listed.contains(copy))

        let tuned = folder.appendingPathComponent("tuned")
        _ = try Trainer(configuration: c, data: try DataSpecification("render:pushpins"), out: tuned, resume: false,
                        initialModel: out, log: { _ in })
        XCTAssertEqual(try TrainingImages.saved(model: tuned)?.fingerprints, listed.fingerprints)
        let rendered = folder.appendingPathComponent("rendered")
        _ = try Trainer(configuration: c, data: try DataSpecification("render:pushpins"), out: rendered, resume: false, log: { _ in })
        XCTAssertNil(try TrainingImages.saved(model: rendered))

        try "not a hash\tx.png\n".write(to: rendered.appendingPathComponent(TrainingImages.fileName), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TrainingImages.saved(model: rendered)) { error in
            XCTAssertTrue("\(error)".contains("line 1: expected a hexadecimal hash"), "\(error)")
        }
    }

    func testSIGTERMRaisesTheStopFlag() {
        let stop = StopSignal()
        stop.install()
        defer { stop.uninstall() }
        kill(getpid(), SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while !stop.isRaised && Date() < deadline { usleep(10_000) }
        XCTAssertTrue(stop.isRaised)
    }
}
