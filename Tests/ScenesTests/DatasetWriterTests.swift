import XCTest
import Annotations
import Scenes

final class DatasetWriterTests: XCTestCase {
    func testWritesTheLOCOLayoutWithAParallelAnnotationTree() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = DatasetPlan(seed: 1, train: 2, validation: 1, testGood: 1, testLogicalPerCase: 2, longSide: 64)
        let n = try DatasetWriter(root: root, plan: plan).write(category: .pushpins)
        XCTAssertEqual(n, 2 + 1 + 1 + 2 * SceneCategory.pushpins.defectCases.count)
        let names = files(under: root.appendingPathComponent("pushpins"))
        for expected in ["defects_config.json", "train/good/000.png", "train/good/001.png", "validation/good/000.png",
                         "test/good/000.png", "test/logical_anomalies/009.png", "ground_truth/logical_anomalies/009/000.png",
                         "annotations/train/good/001.json", "annotations/test/logical_anomalies/009.json"] {
            XCTAssertTrue(names.contains(expected), "missing \(expected)")
        }
        XCTAssertEqual(names.filter { $0.hasPrefix("test/logical_anomalies/") }.count, 10)
        XCTAssertFalse(names.contains("train/good/002.png"))
        let note = try ImageAnnotation.load(from: root.appendingPathComponent("pushpins/annotations/validation/good/000.json"))
        XCTAssertEqual(note.split, "validation")
        XCTAssertEqual(note.image, "validation/good/000.png")
        XCTAssertEqual(note.width, 64)
        XCTAssertEqual(note.height, 38)
        // The moved pin is the last case: both of its types on its two images.
        let moved = try ImageAnnotation.load(from: root.appendingPathComponent("pushpins/annotations/test/logical_anomalies/009.json"))
        XCTAssertEqual(moved.defects, ["1_additional_pushpin", "missing_pushpin"])
    }

    func testRefusesANonEmptyCategoryFolderUnlessOverwriting() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("screw_bag")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let plan = DatasetPlan(seed: 1, train: 1, validation: 0, testGood: 0, testLogicalPerCase: 0, longSide: 64)
        XCTAssertThrowsError(try DatasetWriter(root: root, plan: plan).write(category: .screwBag)) { error in
            XCTAssertEqual(error as? SceneError, .outputNotEmpty(folder.path))
            XCTAssertTrue("\(error)".contains("--overwrite"))
        }
        XCTAssertEqual(files(under: folder), ["notes.txt"])
        try DatasetWriter(root: root, plan: plan, overwrite: true).write(category: .screwBag)
        XCTAssertEqual(files(under: folder), ["annotations/train/good/000.json", "defects_config.json", "train/good/000.png"])
        // Other categories' folders are left alone.
        try DatasetWriter(root: root, plan: plan).write(category: .pushpins)
        XCTAssertEqual(files(under: folder).count, 3)
    }

    func testUnknownNamesAndSizesAreClearErrors() {
        XCTAssertThrowsError(try SceneCategory(named: "bagel")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("bagel"))
            for c in SceneCategory.allCases { XCTAssertTrue(text.contains(c.rawValue), text) }
        }
        XCTAssertThrowsError(try SceneRenderer.render(category: .pushpins, defects: ["missing_almonds"], seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("missing_almonds"))
            XCTAssertTrue("\(error)".contains("missing_separator"))
        }
        XCTAssertThrowsError(try SceneRenderer.render(category: .screwBag, defects: ["1_additional_nut", "2_missing_washers"], seed: 1))
        XCTAssertThrowsError(try SceneRenderer.render(category: .pushpins, defects: [], seed: 1, longSide: 8)) { error in
            XCTAssertEqual(error as? SceneError, .invalidSize(8))
        }
    }

    func testImageSizesFollowLOCOsAspectRatios() {
        let sizes = SceneCategory.allCases.map { $0.imageSize(longSide: 256) }
        XCTAssertEqual(sizes.map(\.width), [256, 128, 256, 256, 256])
        XCTAssertEqual(sizes.map(\.height), [205, 256, 151, 176, 128])
        XCTAssertEqual(SceneCategory.juiceBottle.imageSize(longSide: 512).width, 256)
        XCTAssertEqual(SceneCategory.splicingConnectors.imageSize(longSide: 100).height, 50)
    }
}
