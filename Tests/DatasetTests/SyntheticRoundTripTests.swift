import Annotations
import Dataset
import Foundation
import Imaging
import XCTest

/// A folder written with PNGEncoder and the annotation types reads back sample for sample.
final class SyntheticRoundTripTests: XCTestCase {
    private var data: SyntheticFolder!
    private var written: [String: RGBImage] = [:]

    override func setUpWithError() throws {
        data = try SyntheticFolder()
        for (path, seed) in [("train/good/000.png", 0), ("train/good/001.png", 1), ("validation/good/000.png", 2),
                             ("test/good/000.png", 3)] {
            written[path] = try data.addImage(path, seed: seed)
        }
        // Two masks (one region each), one mask holding two types, a structural anomaly.
        written["test/logical_anomalies/000.png"] = try data.addImage("test/logical_anomalies/000.png", seed: 4, masks: [[255], [254]])
        written["test/logical_anomalies/001.png"] = try data.addImage("test/logical_anomalies/001.png", seed: 5, masks: [[247, 240]])
        written["test/logical_anomalies/002.png"] = try data.addImage("test/logical_anomalies/002.png", seed: 6, masks: [[240]], annotated: false)
        written["test/structural_anomalies/000.png"] = try data.addImage("test/structural_anomalies/000.png", seed: 7, masks: [[252]])
    }

    override func tearDown() { data.remove() }

    func testSamplesRoundTrip() throws {
        let dataset = try LocoDataset(root: data.root, category: "juice_bottle")
        XCTAssertEqual(dataset.folder.standardizedFileURL, data.folder.standardizedFileURL)
        XCTAssertEqual(dataset.samples.map(\.path), [
            "train/good/000.png", "train/good/001.png", "validation/good/000.png", "test/good/000.png",
            "test/logical_anomalies/000.png", "test/logical_anomalies/001.png", "test/logical_anomalies/002.png",
            "test/structural_anomalies/000.png"])
        let byPath = Dictionary(uniqueKeysWithValues: dataset.samples.map { ($0.path, $0) })
        XCTAssertEqual(byPath["test/logical_anomalies/000.png"]?.defectTypes, ["missing_bottom_label", "missing_top_label"])
        XCTAssertEqual(byPath["test/logical_anomalies/001.png"]?.defectTypes, ["empty_bottle", "wrong_juice_type"])
        XCTAssertEqual(byPath["test/logical_anomalies/002.png"]?.defectTypes, ["wrong_juice_type"])
        XCTAssertEqual(byPath["test/structural_anomalies/000.png"]?.defectTypes, ["damaged_label"])
        XCTAssertEqual(byPath["test/logical_anomalies/000.png"]?.maskURLs.map(\.lastPathComponent), ["000.png", "001.png"])
        XCTAssertEqual(byPath["train/good/000.png"]?.maskURLs, [])
        XCTAssertEqual(byPath["train/good/000.png"]?.defectTypes, [])

        for sample in dataset.samples {
            XCTAssertEqual(sample.category, "juice_bottle")
            XCTAssertEqual(sample.path, "\(sample.split.rawValue)/\(sample.label.rawValue)/\(sample.imageURL.lastPathComponent)")
            XCTAssertEqual(try sample.loadImage(), written[sample.path], sample.path)
            if sample.path == "test/logical_anomalies/002.png" {
                XCTAssertNil(sample.annotation)
            } else {
                XCTAssertEqual(sample.annotation, data.annotation(for: sample.path, defects: sample.defectTypes), sample.path)
            }
        }
        XCTAssertEqual(dataset.samples(split: .test, label: .logicalAnomalies).count, 3)
        XCTAssertEqual(dataset.samples(split: .train).count, 2)
        XCTAssertEqual(dataset.defectTypeCounts, ["missing_top_label": 1, "missing_bottom_label": 1, "empty_bottle": 1,
                                                  "wrong_juice_type": 2, "damaged_label": 1])
        XCTAssertEqual(dataset.defectsConfig, SyntheticFolder.config)
    }

    func testRootMayBeTheCategoryFolder() throws {
        let direct = try LocoDataset(root: data.folder, category: "juice_bottle")
        let nested = try LocoDataset(root: data.root, category: "juice_bottle")
        XCTAssertEqual(direct.samples, nested.samples)
    }

    func testCategoriesAreListed() throws {
        let other = try SyntheticFolder(category: "pushpins", root: data.root)
        try other.addImage("train/good/000.png", seed: 9)
        try FileManager.default.createDirectory(at: data.root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        XCTAssertEqual(try LocoDataset.categories(in: data.root), ["juice_bottle", "pushpins"])
        XCTAssertEqual(try LocoDataset(root: data.root, category: "pushpins").samples.map(\.path), ["train/good/000.png"])
    }
}
