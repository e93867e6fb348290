import Dataset
import Foundation
import Imaging
import RealDataSupport
import XCTest

/// The real juice_bottle photos (quarter-resolution MVTec LOCO AD, public half) kept beside the
/// repository in `../shared/data/juice_bottle_real`; `LOGICLS_JUICE_BOTTLE_REAL` may point elsewhere.
final class RealJuiceBottleTests: XCTestCase {
    private func folder() throws -> URL {
        try realJuiceBottleFolder()
    }

    func testSplitsLabelsAndDefectTypes() throws {
        let dataset = try LocoDataset(root: try folder(), category: "juice_bottle")
        XCTAssertEqual(dataset.samples(split: .train, label: .good).count, 335)
        XCTAssertEqual(dataset.samples(split: .validation, label: .good).count, 27)
        XCTAssertEqual(dataset.samples(split: .test, label: .logicalAnomalies).count, 71)
        XCTAssertEqual(dataset.samples.count, 433)
        // The per-type counts of the folder's README.
        XCTAssertEqual(dataset.defectTypeCounts, [
            "missing_top_label": 12, "missing_bottom_label": 12, "swapped_labels": 6, "misplaced_label_top": 3,
            "misplaced_label_bottom": 2, "empty_bottle": 6, "wrong_fill_level_too_much": 6,
            "wrong_fill_level_not_enough": 12, "misplaced_fruit_icon": 5, "missing_fruit_icon": 2, "wrong_juice_type": 11])
        let logical = dataset.samples(split: .test, label: .logicalAnomalies)
        // Half of the README's 12 images with both labels missing (its count is over all 142).
        XCTAssertEqual(logical.filter { $0.defectTypes == ["missing_bottom_label", "missing_top_label"] }.count, 6)
        XCTAssertTrue(logical.allSatisfy { $0.maskURLs.map(\.lastPathComponent) == ["000.png"] })
        XCTAssertTrue(dataset.samples.allSatisfy { $0.annotation == nil })
    }

    func testRealImageAndMaskDecode() throws {
        let dataset = try LocoDataset(root: try folder(), category: "juice_bottle")
        let sample = try XCTUnwrap(dataset.samples(split: .test, label: .logicalAnomalies).first)
        let image = try sample.loadImage()
        XCTAssertEqual([image.width, image.height, image.channels], [200, 400, 3])
        let mask = try ImageDecoder.load(sample.maskURLs[0])
        XCTAssertEqual([mask.width, mask.height, mask.channels], [200, 400, 1])
        XCTAssertEqual(Set(mask.pixels), [0, 255])
    }
}
