import Annotations
import Randomness
import Scenes
import XCTest

/// Varied scenes (`SceneRenderer.renderVaried`): the counts and yes/no checks of a rule-book
/// take many values, not the usual product's, and the scene is reproducible from its seed.
final class VariedScenesTests: XCTestCase {
    private func render(_ category: SceneCategory, seed: UInt64) throws -> RenderedScene {
        var g = SeededGenerator(seed: seed)
        return try SceneRenderer.renderVaried(category: category, generator: &g, longSide: 128)
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

    func testSplicingCablesAreCutAndMisplacedInAboutHalfTheScenes() throws {
        var cut = 0, misplaced = 0, cables = 0
        for seed in UInt64(0)..<40 {
            for cable in try render(.splicingConnectors, seed: seed).annotation.parts(of: "cable") {
                cables += 1
                if cable.attributes["intact"] == false { cut += 1 }
                if let l = cable.attributes["left_clamp"], let r = cable.attributes["right_clamp"], l != r { misplaced += 1 }
            }
        }
        // Each fault has chance 0.5 (LOCO-like cases: 1 in 14); some scenes lose their cable.
        XCTAssertTrue((0.3...0.65).contains(Double(cut) / Double(cables)), "\(cut) of \(cables) cut")
        XCTAssertTrue((0.3...0.65).contains(Double(misplaced) / Double(cables)), "\(misplaced) of \(cables) misplaced")
    }

    func testJuiceIconsAreOffCentreInAboutHalfTheScenes() throws {
        var off = 0, icons = 0
        for seed in UInt64(0)..<40 {
            let a = try render(.juiceBottle, seed: seed).annotation
            guard let icon = a.parts(of: "fruit_icon").first, let label = a.parts(of: "top_label").first else { continue }
            icons += 1
            let dx = abs(icon.box.centerX - label.box.centerX) / label.box.width
            let dy = abs(icon.box.centerY - label.box.centerY) / label.box.height
            if max(dx, dy) > 0.15 { off += 1 }
        }
        // Chance 0.5 (LOCO-like cases: 1 in 12); some scenes lose their label or icon.
        XCTAssertGreaterThan(icons, 25)
        XCTAssertTrue((0.3...0.7).contains(Double(off) / Double(icons)), "\(off) of \(icons) off-centre")
    }

    func testTheSameSeedGivesTheSameSceneAndOtherProductsAreRefused() throws {
        let a = try render(.pushpins, seed: 3), b = try render(.pushpins, seed: 3)
        XCTAssertEqual(a.image.pixels, b.image.pixels)
        XCTAssertEqual(a.annotation, b.annotation)
        XCTAssertNotEqual(a.annotation, try render(.pushpins, seed: 4).annotation)
        XCTAssertThrowsError(try render(.breakfastBox, seed: 1)) { error in
            XCTAssertEqual("\(error)", "breakfast_box has no varied scenes; products with them: juice_bottle, pushpins, screw_bag, splicing_connectors")
        }
    }
}
