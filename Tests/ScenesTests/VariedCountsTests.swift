import Annotations
import Randomness
import Scenes
import XCTest

/// Scenes with varied counts (`SceneRenderer.renderVariedCounts`): the counts a rule-book checks
/// take many values, not the usual product's, and the scene is reproducible from its seed.
final class VariedCountsTests: XCTestCase {
    private func render(_ category: SceneCategory, seed: UInt64) throws -> RenderedScene {
        var g = SeededGenerator(seed: seed)
        return try SceneRenderer.renderVariedCounts(category: category, generator: &g, longSide: 128)
    }

    func testPushpinCompartmentsHoldZeroToThreePins() throws {
        var histogram: [Int: Int] = [:]
        for seed in UInt64(0)..<12 {
            let a = try render(.pushpins, seed: seed).annotation
            let compartments = a.parts(of: "compartment"), pins = a.parts(of: "pushpin")
            XCTAssertEqual(compartments.count, 15)
            for c in compartments {
                let n = pins.filter { c.box.contains(x: $0.box.centerX, y: $0.box.centerY) }.count
                histogram[n, default: 0] += 1
            }
        }
        XCTAssertEqual(Set(histogram.keys), [0, 1, 2, 3], "\(histogram)")
        // About half the compartments keep the usual one pin: 180 compartments, 4/9 expected.
        let ones = Double(histogram[1]!) / 180
        XCTAssertTrue((0.3...0.6).contains(ones), "\(histogram)")
    }

    func testScrewBagItemCountsVary() throws {
        var nuts = Set<Int>(), washers = Set<Int>(), screws = Set<Int>()
        for seed in UInt64(0)..<16 {
            let a = try render(.screwBag, seed: seed).annotation
            nuts.insert(a.parts(of: "nut").count)
            washers.insert(a.parts(of: "washer").count)
            screws.insert(a.parts(of: "screw").count)
        }
        XCTAssertGreaterThanOrEqual(nuts.count, 4, "\(nuts)")
        XCTAssertGreaterThanOrEqual(washers.count, 4, "\(washers)")
        XCTAssertGreaterThanOrEqual(screws.count, 3, "\(screws)")
    }

    func testTheSameSeedGivesTheSameSceneAndOtherProductsAreRefused() throws {
        let a = try render(.pushpins, seed: 3), b = try render(.pushpins, seed: 3)
        XCTAssertEqual(a.image.pixels, b.image.pixels)
        XCTAssertEqual(a.annotation, b.annotation)
        XCTAssertNotEqual(a.annotation, try render(.pushpins, seed: 4).annotation)
        XCTAssertThrowsError(try render(.breakfastBox, seed: 1)) { error in
            XCTAssertEqual("\(error)", "breakfast_box has no scenes with varied counts; products with them: pushpins, screw_bag")
        }
    }
}
