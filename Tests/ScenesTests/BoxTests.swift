import XCTest
import Annotations
import Imaging
import Scenes

/// Boxes lie inside the image, and the pixels of a distinctly coloured part lie inside the boxes of
/// that part's class (and each box holds some of them): checked on the rendered photo itself.
final class BoxTests: XCTestCase {
    func testBoxesLieInsideTheImage() throws {
        for category in SceneCategory.allCases {
            for (c, scene) in try renderAllCases(category, seed: 40, longSide: 160) {
                let w = Double(scene.image.width), h = Double(scene.image.height)
                XCTAssertEqual(scene.annotation.width, scene.image.width)
                XCTAssertEqual(scene.annotation.height, scene.image.height)
                for p in scene.annotation.parts {
                    let b = p.box
                    XCTAssertTrue(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= w && b.y1 <= h, "\(category) \(c): \(p.cls) box \(b) outside \(w)x\(h)")
                    XCTAssertTrue(b.x1 > b.x0 && b.y1 > b.y0, "\(category) \(c): empty \(p.cls) box \(b)")
                    for q in p.polygon ?? [] {
                        XCTAssertTrue(b.contains(x: q[0], y: q[1]), "\(category) \(c): \(p.cls) polygon point \(q) outside its box")
                    }
                }
            }
        }
    }

    /// Pixels of `colour` lie within 1.5 px of a box of `cls`, and every such box holds at least `minimum` of them;
    /// a scene without such parts has no such pixels.
    func assertBoxesCover(_ scene: RenderedScene, cls: [String], minimum: Int, colour: (Int, Int, Int) -> Bool,
                          file: StaticString = #filePath, line: UInt = #line) {
        let boxes = scene.annotation.parts.filter { cls.contains($0.cls) }.map(\.box)
        let hits = pixels(of: scene.image, where: colour)
        guard !boxes.isEmpty else {
            XCTAssertEqual(hits.count, 0, "\(cls) pixels in a scene without \(cls)", file: file, line: line)
            return
        }
        XCTAssertFalse(hits.isEmpty, "no \(cls) pixels", file: file, line: line)
        let outside = hits.filter { p in !boxes.contains { $0.contains(p, margin: 1.5) } }
        XCTAssertEqual(outside.count, 0, "\(outside.count) \(cls) pixels outside every box, e.g. \(outside.prefix(3))", file: file, line: line)
        for b in boxes {
            let inside = hits.filter { b.contains($0, margin: 0) }.count
            XCTAssertGreaterThanOrEqual(inside, minimum, "\(cls) box \(b) holds \(inside) part pixels", file: file, line: line)
        }
    }

    func testPushpinBoxesCoverTheYellowPins() throws {
        for (_, scene) in try renderAllCases(.pushpins, seed: 50, longSide: 256) {
            assertBoxesCover(scene, cls: ["pushpin"], minimum: 15) { r, g, b in r > 150 && g > 100 && b < 90 && r - b > 110 }
        }
    }

    func testFruitBoxesCoverTheOrangeFruit() throws {
        for (_, scene) in try renderAllCases(.breakfastBox, seed: 60, longSide: 256) {
            assertBoxesCover(scene, cls: ["tangerine", "nectarine"], minimum: 150) { r, g, b in r > 130 && b * 5 < r && g * 20 < r * 17 }
        }
    }

    func testCableBoxesCoverRedAndBlueCables() throws {
        var checked = 0
        for seed in 0..<40 where checked < 6 {
            let scene = try SceneRenderer.render(category: .splicingConnectors, defects: [], seed: UInt64(seed), longSide: 256)
            let colour = scene.annotation.parts(of: "cable").first?[attribute: "colour"]?.stringValue
            if colour == "red" {
                assertBoxesCover(scene, cls: ["cable"], minimum: 100) { r, g, b in r > 140 && g < 70 && b < 70 }
                checked += 1
            } else if colour == "blue" {
                assertBoxesCover(scene, cls: ["cable"], minimum: 100) { r, g, b in b > 130 && r < 80 && b - g > 60 }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 6)
    }

    func testConnectorBoxesCoverTheOrangeLevers() throws {
        for (_, scene) in try renderAllCases(.splicingConnectors, seed: 70, longSide: 256) {
            assertBoxesCover(scene, cls: ["connector"], minimum: 60) { r, g, b in
                r > 150 && g * 10 > r * 4 && g * 100 < r * 65 && b * 5 < r
            }
        }
    }

    func testLiquidAndIconBoxesCoverCherryRed() throws {
        var checked = 0
        for seed in 0..<40 where checked < 4 {
            let scene = try SceneRenderer.render(category: .juiceBottle, defects: [], seed: UInt64(seed), longSide: 256)
            guard scene.annotation.parts(of: "liquid").first?[attribute: "colour"]?.stringValue == "red" else { continue }
            assertBoxesCover(scene, cls: ["liquid", "fruit_icon"], minimum: 20) { r, g, b in r > 90 && g * 3 < r && b * 3 < r }
            checked += 1
        }
        XCTAssertEqual(checked, 4)
    }
}
