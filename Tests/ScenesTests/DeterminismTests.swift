import XCTest
import Annotations
import Imaging
import Randomness
import Scenes

final class DeterminismTests: XCTestCase {
    func testSameSeedGivesIdenticalBytesWhateverTheWorkerCount() throws {
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let plan = DatasetPlan(seed: 11, train: 3, validation: 1, testGood: 1, testLogicalPerCase: 1, longSide: 96)
        for category in [SceneCategory.pushpins, .juiceBottle, .splicingConnectors] {
            try DatasetWriter(root: a, plan: plan, workers: 1).write(category: category)
            try DatasetWriter(root: b, plan: plan, workers: 3).write(category: category)
        }
        let names = files(under: a)
        XCTAssertEqual(names, files(under: b))
        XCTAssertGreaterThan(names.count, 50)
        for name in names {
            let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
            XCTAssertEqual(x, y, "\(name) differs between two runs with the same seed")
        }
    }

    func testRendererIsAFunctionOfTheGeneratorState() throws {
        for category in SceneCategory.allCases {
            let defects = category.defectCases[0].types
            let one = try SceneRenderer.render(category: category, defects: defects, seed: 3, longSide: 128)
            let two = try SceneRenderer.render(category: category, defects: defects, seed: 3, longSide: 128)
            let other = try SceneRenderer.render(category: category, defects: defects, seed: 4, longSide: 128)
            XCTAssertEqual(one.image, two.image, "\(category)")
            XCTAssertEqual(one.annotation, two.annotation, "\(category)")
            XCTAssertEqual(one.masks.map(\.image), two.masks.map(\.image), "\(category)")
            XCTAssertNotEqual(one.image, other.image, "\(category): seeds 3 and 4 gave the same image")
            XCTAssertNotEqual(one.annotation.parts.map(\.box), other.annotation.parts.map(\.box), "\(category): no pose variation")
        }
    }
}
