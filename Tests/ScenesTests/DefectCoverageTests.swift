import XCTest
import Annotations
import Imaging
import Scenes

final class DefectCoverageTests: XCTestCase {
    func testTheSixtyOneLogicalTypesAreNamedAsInLOCO() {
        let all = SceneCategory.allCases.flatMap(\.logicalTypes)
        XCTAssertEqual(all.count, 61)
        XCTAssertEqual(Set(all).count, 61)
        XCTAssertEqual(SceneCategory.allCases.map { $0.logicalTypes.count }, [17, 11, 4, 16, 13])
        for c in SceneCategory.allCases {
            XCTAssertEqual(Set(c.defectCases.flatMap(\.types)), Set(c.logicalTypes), "\(c): a type has no case")
        }
    }

    func testEveryTypeAppearsInTheWrittenTestSplitWithAnnotationAndMasks() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = DatasetPlan(seed: 5, train: 0, validation: 0, testGood: 1, testLogicalPerCase: 1, longSide: 128)
        var seen = Set<String>()
        for category in SceneCategory.allCases {
            try DatasetWriter(root: root, plan: plan).write(category: category)
            let folder = root.appendingPathComponent(category.rawValue)
            let config = try DefectsConfig.load(from: folder.appendingPathComponent("defects_config.json"))
            XCTAssertEqual(Set(config.entries.map(\.defectName)), Set(category.logicalTypes))
            for (i, c) in category.defectCases.enumerated() {
                let name = String(format: "%03d", i)
                let note = try ImageAnnotation.load(from: folder.appendingPathComponent("annotations/test/logical_anomalies/\(name).json"))
                XCTAssertEqual(note.defects, c.types)
                XCTAssertEqual(note.image, "test/logical_anomalies/\(name).png")
                XCTAssertEqual(note.split, "test")
                XCTAssertEqual(note.label, "logical_anomalies")
                XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(note.image).path))
                let masks = files(under: folder.appendingPathComponent("ground_truth/logical_anomalies/\(name)"))
                XCTAssertGreaterThanOrEqual(masks.count, c.types.count, "\(category) \(c): too few masks")
                XCTAssertEqual(masks.first, "000.png")
                seen.formUnion(note.defects)
            }
            let good = try ImageAnnotation.load(from: folder.appendingPathComponent("annotations/test/good/000.json"))
            XCTAssertEqual(good.defects, [])
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ground_truth/good").path))
        }
        XCTAssertEqual(seen, Set(SceneCategory.allCases.flatMap(\.logicalTypes)))
    }

    func testMasksAreNonEmptyAndHoldTheTypesPixelValue() throws {
        for category in SceneCategory.allCases {
            let config = category.defectsConfig
            for (c, scene) in try renderAllCases(category, seed: 21, longSide: 128) {
                XCTAssertEqual(Set(scene.masks.map(\.type)), Set(c.types), "\(category) \(c)")
                XCTAssertEqual(scene.annotation.defects, c.types)
                XCTAssertEqual(scene.annotation.label, c.isNormal ? "good" : "logical_anomalies")
                for mask in scene.masks {
                    let value = UInt8(config.pixelValue(for: mask.type)!)
                    XCTAssertEqual(mask.image.channels, 1)
                    XCTAssertEqual(mask.image.width, scene.image.width)
                    XCTAssertEqual(mask.image.height, scene.image.height)
                    XCTAssertEqual(Set(mask.image.pixels), [0, value], "\(category) \(c) \(mask.type)")
                    let filled = mask.image.pixels.filter { $0 == value }.count
                    XCTAssertGreaterThan(filled, 12, "\(category) \(c) \(mask.type): region of \(filled) pixels")
                }
            }
        }
    }

    func testJuiceBottleKeepsLOCOsPixelValuesAndOthersCountDownFrom255() {
        let juice = SceneCategory.juiceBottle.defectsConfig
        XCTAssertEqual(juice.pixelValue(for: "missing_top_label"), 255)
        XCTAssertEqual(juice.pixelValue(for: "misplaced_label_top"), 250)
        XCTAssertEqual(juice.pixelValue(for: "wrong_juice_type"), 240)
        let pins = SceneCategory.pushpins.defectsConfig
        XCTAssertEqual(pins.entries.map(\.pixelValue), [255, 254, 253, 252])
        XCTAssertEqual(pins.entries.map(\.defectName), SceneCategory.pushpins.logicalTypes)
        for c in SceneCategory.allCases {
            XCTAssertEqual(Set(c.defectsConfig.entries.map(\.pixelValue)).count, c.logicalTypes.count, "\(c): values collide")
        }
    }
}
