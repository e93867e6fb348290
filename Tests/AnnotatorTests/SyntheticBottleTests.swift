import Annotations
import Annotator
import Imaging
import XCTest

/// The annotator on drawn bottles whose true boxes and attributes are known by construction.
final class SyntheticBottleTests: XCTestCase {
    private func parts(_ scene: SyntheticBottle, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Part] {
        switch JuiceBottleAnnotator().annotate(scene.render()) {
        case .success(let parts): return Dictionary(uniqueKeysWithValues: parts.map { ($0.cls, $0) })
        case .failure(let why): XCTFail("refused: \(why)", file: file, line: line); throw why
        }
    }

    private func box(_ r: (x0: Int, y0: Int, x1: Int, y1: Int)) -> Box {
        Box(x0: Double(r.x0), y0: Double(r.y0), x1: Double(r.x1), y1: Double(r.y1))
    }

    func testFindsEveryPartOfANormalBottle() throws {
        let scene = SyntheticBottle()
        let p = try parts(scene)
        XCTAssertEqual(Set(p.keys), ["bottle", "liquid", "top_label", "fruit_icon", "bottom_label"])
        XCTAssertGreaterThan(try XCTUnwrap(p["bottle"]).box.iou(box(scene.bottle)), 0.95)
        XCTAssertGreaterThan(try XCTUnwrap(p["top_label"]).box.iou(box(scene.topLabel!)), 0.9)
        XCTAssertGreaterThan(try XCTUnwrap(p["bottom_label"]).box.iou(box(scene.bottomLabel!)), 0.9)
        let icon = try XCTUnwrap(p["fruit_icon"])
        XCTAssertGreaterThan(icon.box.iou(Box(x0: 86, y0: 200, x1: 115, y1: 229)), 0.8)
        XCTAssertEqual(icon[attribute: "fruit"], "cherry")
        let liquid = try XCTUnwrap(p["liquid"])
        XCTAssertEqual(liquid[attribute: "colour"], "yellow")
        // Surface at row 100 of a bottle spanning rows 30..<356.
        XCTAssertEqual(try XCTUnwrap(liquid[attribute: "fill"]?.numberValue), 256.0 / 326.0, accuracy: 0.01)
    }

    func testJuiceColoursAndIconFruits() throws {
        let cases: [((UInt8, UInt8, UInt8), String, (UInt8, UInt8, UInt8), String)] = [
            // Real juice colours: cherry (as in the neck), banana and orange (body medians).
            ((100, 40, 32), "red", (235, 130, 30), "orange"),
            ((158, 145, 110), "white", (225, 215, 50), "banana"),
            ((152, 129, 48), "yellow", (200, 30, 30), "cherry"),
        ]
        for (juice, colour, iconColour, fruit) in cases {
            var scene = SyntheticBottle()
            scene.juice = juice
            scene.icon?.colour = iconColour
            let p = try parts(scene)
            XCTAssertEqual(p["liquid"]?[attribute: "colour"], .string(colour), "juice \(juice)")
            XCTAssertEqual(p["fruit_icon"]?[attribute: "fruit"], .string(fruit), "icon \(iconColour)")
        }
    }

    func testLowFillEmptyBottleAndMissingParts() throws {
        var low = SyntheticBottle()
        low.surface = 270
        XCTAssertEqual(try XCTUnwrap(try parts(low)["liquid"]?[attribute: "fill"]?.numberValue), 86.0 / 326.0, accuracy: 0.01)
        // A surface behind the top label (rows 180..<248) is placed at the label's middle, row 214.
        var hidden = SyntheticBottle()
        hidden.surface = 200
        XCTAssertEqual(try XCTUnwrap(try parts(hidden)["liquid"]?[attribute: "fill"]?.numberValue), 142.0 / 326.0, accuracy: 0.01)

        var empty = SyntheticBottle()
        empty.surface = nil
        XCTAssertNil(try parts(empty)["liquid"])

        var noTop = SyntheticBottle()
        noTop.topLabel = nil
        let p = try parts(noTop)
        XCTAssertNil(p["top_label"]); XCTAssertNil(p["fruit_icon"]); XCTAssertNotNil(p["bottom_label"])

        var blank = SyntheticBottle()
        blank.icon = nil
        let q = try parts(blank)
        XCTAssertNotNil(q["top_label"]); XCTAssertNil(q["fruit_icon"])

        var noBottom = SyntheticBottle()
        noBottom.bottomLabel = nil
        XCTAssertNil(try parts(noBottom)["bottom_label"])
    }

    func testSwappedLabelsKeepTheirIdentity() throws {
        var scene = SyntheticBottle()
        scene.topLabel = (66, 270, 134, 338)
        scene.icon = (100, 304, 14, (200, 30, 30))
        scene.bottomLabel = (67, 190, 133, 221)
        let p = try parts(scene)
        XCTAssertGreaterThan(try XCTUnwrap(p["top_label"]).box.iou(box(scene.topLabel!)), 0.9)
        XCTAssertGreaterThan(try XCTUnwrap(p["bottom_label"]).box.iou(box(scene.bottomLabel!)), 0.9)
    }

    func testRefusesImagesWithoutABottle() {
        for image in [RGBImage(width: 200, height: 400, fill: 5), RGBImage(width: 200, height: 400, fill: 220),
                      RGBImage(width: 200, height: 400, channels: 1, fill: 90)] {
            guard case .failure(let why) = JuiceBottleAnnotator().annotate(image) else {
                return XCTFail("annotated an image without a bottle")
            }
            guard case .noBottle = why else { return XCTFail("refused for the wrong reason: \(why)") }
        }
    }

    func testOverlayIsScaledAndDrawsTheBoxes() {
        let image = SyntheticBottle().render()
        let part = Part(id: 0, cls: "fruit_icon", box: Box(x0: 10, y0: 10, x1: 50, y1: 50))
        let overlay = AnnotationOverlay.render(image, parts: [part], scale: 2)
        XCTAssertEqual([overlay.width, overlay.height, overlay.channels], [400, 800, 3])
        // The icon box outline is drawn in red (anti-aliased) on the black background; inside stays black.
        XCTAssertGreaterThan(overlay[60, 20, 0], 150)
        XCTAssertLessThan(overlay[60, 20, 1], 100)
        XCTAssertLessThan(overlay[60, 60, 0], 20)
    }

    func testBoxAgreementPerClass() {
        var agreement = BoxAgreement()
        let a = Part(id: 0, cls: "top_label", box: Box(x0: 0, y0: 0, x1: 10, y1: 10))
        let b = Part(id: 0, cls: "top_label", box: Box(x0: 5, y0: 0, x1: 15, y1: 10))
        let icon = Part(id: 1, cls: "fruit_icon", box: Box(x0: 2, y0: 2, x1: 4, y1: 4))
        agreement.add(image: "a", found: [a, icon], reference: [b])
        agreement.add(image: "b", found: [a], reference: [a])
        XCTAssertEqual(try XCTUnwrap(agreement.meanIoU("top_label")), (1.0 / 3.0 + 1.0) / 2, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(agreement.minimumIoU("top_label")), 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(agreement.presenceMismatches, ["fruit_icon": ["a"]])
        XCTAssertNil(agreement.meanIoU("fruit_icon"))
    }
}
