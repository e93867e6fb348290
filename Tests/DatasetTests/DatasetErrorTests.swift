import Annotations
import Dataset
import Foundation
import Imaging
import XCTest

/// Bad folders, masks, label files and annotations give errors that name the file at fault.
final class DatasetErrorTests: XCTestCase {
    private var data: SyntheticFolder!

    override func setUpWithError() throws {
        data = try SyntheticFolder()
        try data.addImage("train/good/000.png", seed: 0)
        try data.addImage("test/logical_anomalies/000.png", seed: 1, masks: [[255]])
    }

    override func tearDown() { data.remove() }

    private func read() throws -> LocoDataset { try LocoDataset(root: data.root, category: "juice_bottle") }

    private func assertError(_ expected: DatasetError, line: UInt = #line) {
        XCTAssertThrowsError(try read(), line: line) { XCTAssertEqual($0 as? DatasetError, expected, line: line) }
    }

    private func assertLabelsError(line expectedLine: Int, containing text: String, line: UInt = #line) {
        XCTAssertThrowsError(try read(), line: line) { error in
            guard case .malformedLabels(let path, let at, let why)? = error as? DatasetError else {
                return XCTFail("\(error)", line: line)
            }
            XCTAssertEqual(path, self.data.folder.appendingPathComponent("labels.csv").path, line: line)
            XCTAssertEqual(at, expectedLine, line: line)
            XCTAssertTrue(why.contains(text), "\(why)", line: line)
        }
    }

    func testMissingRoot() {
        let root = data.root.appendingPathComponent("absent")
        XCTAssertThrowsError(try LocoDataset(root: root, category: "juice_bottle")) {
            XCTAssertEqual($0 as? DatasetError, .missingFolder(root.path))
        }
        XCTAssertThrowsError(try LocoDataset.categories(in: root)) { XCTAssertEqual($0 as? DatasetError, .missingFolder(root.path)) }
    }

    func testUnknownCategoryListsTheKnownOnes() {
        XCTAssertThrowsError(try LocoDataset(root: data.root, category: "screw_bag")) {
            XCTAssertEqual($0 as? DatasetError, .unknownCategory("screw_bag", root: self.data.root.path, available: ["juice_bottle"]))
            XCTAssertTrue("\($0)".contains("juice_bottle"))
        }
    }

    func testFolderWithoutSplitsIsNotACategory() {
        let folder = data.root
        XCTAssertThrowsError(try LocoDataset(categoryFolder: folder, category: "juice_bottle")) {
            XCTAssertEqual($0 as? DatasetError, .notACategoryFolder(folder.path))
        }
    }

    func testUnknownLabelFolder() throws {
        try data.addImage("test/odd_ones/000.png", seed: 2, annotated: false)
        assertError(.unknownLabelFolder(data.folder.appendingPathComponent("test/odd_ones").path))
    }

    func testMaskValueMissingFromTheConfig() throws {
        try data.addImage("test/logical_anomalies/001.png", seed: 2, masks: [[255], [17]])
        assertError(.unknownMaskValue(mask: data.folder.appendingPathComponent("ground_truth/logical_anomalies/001/001.png").path, value: 17))
    }

    func testAnomalyWithoutMasks() throws {
        try data.addImage("test/logical_anomalies/001.png", seed: 2)
        assertError(.missingGroundTruth(image: data.folder.appendingPathComponent("test/logical_anomalies/001.png").path,
                                        folder: data.folder.appendingPathComponent("ground_truth/logical_anomalies/001").path))
    }

    func testAnomalyWithEmptyMasks() throws {
        try data.addImage("test/logical_anomalies/001.png", seed: 2, masks: [[0]])
        assertError(.noDefectTypes(data.folder.appendingPathComponent("test/logical_anomalies/001.png").path))
    }

    func testMissingDefectsConfig() throws {
        let config = data.folder.appendingPathComponent("defects_config.json")
        try FileManager.default.removeItem(at: config)
        assertError(.missingDefectsConfig(config.path))
    }

    func testMalformedDefectsConfig() throws {
        try data.write("[{\"defect_name\": 3}]", to: "defects_config.json")
        XCTAssertThrowsError(try read()) { error in
            guard case .malformed(let path, _)? = error as? AnnotationError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, self.data.folder.appendingPathComponent("defects_config.json").path)
        }
    }

    func testTruncatedMask() throws {
        let mask = data.folder.appendingPathComponent("ground_truth/logical_anomalies/000/000.png")
        let bytes = try Data(contentsOf: mask)
        try bytes.prefix(bytes.count / 2).write(to: mask)
        XCTAssertThrowsError(try read()) { error in
            guard case .truncated(let path, _)? = error as? ImageError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, mask.path)
        }
    }

    func testMalformedAnnotation() throws {
        let url = data.folder.appendingPathComponent("annotations/train/good/000.json")
        try Data("{\"category\": ".utf8).write(to: url)
        XCTAssertThrowsError(try read()) { error in
            guard case .malformed(let path, _)? = error as? AnnotationError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
        }
    }

    func testAnnotationOfAnotherImage() throws {
        var annotation = data.annotation(for: "train/good/000.png", defects: [])
        annotation.image = "train/good/007.png"
        try data.writeAnnotation(annotation)
        // Written under the path it names, so move it where train/good/000.png's annotation belongs.
        let folder = data.folder.appendingPathComponent("annotations/train/good")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("000.json"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("007.json"), to: folder.appendingPathComponent("000.json"))
        assertError(.annotationMismatch(folder.appendingPathComponent("000.json").path,
                                        "image is 'train/good/007.png', expected 'train/good/000.png'"))
    }

    func testLabelsFileErrors() throws {
        let good = "train/good/000.png,train,good,\n"
        let header = "path,split,label,defect_types\n"
        try data.write("path,split,label\n" + good, to: "labels.csv")
        assertLabelsError(line: 1, containing: "header")
        try data.write(header + "train/good/000.png,train,good\n", to: "labels.csv")
        assertLabelsError(line: 2, containing: "expected 4 fields")
        try data.write(header + good + "test/logical_anomalies/000.png,test,logical_anomaly,missing_top_lable\n", to: "labels.csv")
        assertLabelsError(line: 3, containing: "missing_top_lable")
        try data.write(header + good + "test/logical_anomalies/000.png,test,weird,missing_top_label\n", to: "labels.csv")
        assertLabelsError(line: 3, containing: "unknown label 'weird'")
        try data.write(header + good + "\n" + "test/logical_anomalies/000.png,train,logical_anomaly,missing_top_label\n", to: "labels.csv")
        assertLabelsError(line: 4, containing: "the file is in test/logical_anomalies")
        try data.write(header + good + "test/logical_anomalies/000.png,test,logical_anomaly,\n", to: "labels.csv")
        assertLabelsError(line: 3, containing: "needs defect types")
        try data.write(header + good + "test/logical_anomalies/000.png,test,logical_anomaly,missing_top_label\n"
                       + "test/logical_anomalies/009.png,test,logical_anomaly,empty_bottle\n", to: "labels.csv")
        assertLabelsError(line: 4, containing: "not an image of this folder")
        try data.write(header + good + "\"test/logical_anomalies/000.png,test,logical_anomaly,x\n", to: "labels.csv")
        assertLabelsError(line: 3, containing: "unterminated quote")
        try data.write(header + good, to: "labels.csv")
        assertError(.unlistedImage(data.folder.appendingPathComponent("test/logical_anomalies/000.png").path,
                                   labels: data.folder.appendingPathComponent("labels.csv").path))
    }

    func testLabelsFileNamesTypesTheMasksCannot() throws {
        // A merged binary mask (255 everywhere marked) would read as missing_top_label; labels.csv says otherwise.
        try data.write("path,split,label,defect_types\r\ntrain/good/000.png,train,good,\r\n"
                       + "\"test/logical_anomalies/000.png\",test,logical_anomaly,wrong_juice_type;empty_bottle\r\n", to: "labels.csv")
        let sample = try XCTUnwrap(try read().samples.last)
        XCTAssertEqual(sample.defectTypes, ["empty_bottle", "wrong_juice_type"])
        XCTAssertEqual(sample.label, .logicalAnomalies)
        XCTAssertEqual(sample.maskURLs.map(\.lastPathComponent), ["000.png"])
    }
}
