import Annotations
import Imaging
import Inspection
import XCTest

/// Overlays show the boxes where they are and leave the rest of the picture alone.
final class EvidenceOverlayTests: XCTestCase {
    private func isGray(_ image: RGBImage, _ x: Int, _ y: Int, _ value: UInt8) -> Bool {
        (0..<3).allSatisfy { image[x, y, $0] == value }
    }

    func testBoxEdgesAreColouredAndFarPixelsUnchanged() throws {
        let image = RGBImage(width: 200, height: 160, fill: 128)
        let box = Box(x0: 50, y0: 60, x1: 150, y1: 140)
        let drawn = try EvidenceOverlay.draw([.init(box: box, label: "1 count", group: 1)], on: image)
        XCTAssertEqual(drawn.width, 200); XCTAssertEqual(drawn.height, 160); XCTAssertEqual(drawn.channels, 3)
        // On the left edge, halfway down: a saturated colour.
        let edge = (0..<3).map { Int(drawn[50, 100, $0]) }
        XCTAssertGreaterThan(edge.max()! - edge.min()!, 100, "edge pixel \(edge)")
        // Inside the box and outside it, away from edges and label: untouched.
        XCTAssertTrue(isGray(drawn, 100, 100, 128))
        XCTAssertTrue(isGray(drawn, 10, 150, 128))
        XCTAssertTrue(isGray(drawn, 190, 10, 128))
        // The label sits above the box's top-left corner.
        XCTAssertFalse(isGray(drawn, 52, 55, 128))
    }

    func testGrayImagesGetColouredOverlays() throws {
        let gray = RGBImage(width: 40, height: 40, channels: 1, fill: 200)
        let drawn = try EvidenceOverlay.draw([.init(box: Box(x0: 5, y0: 20, x1: 35, y1: 35), label: "a", group: 2)], on: gray)
        XCTAssertEqual(drawn.channels, 3)
        XCTAssertTrue(isGray(drawn, 20, 27, 200))
        XCTAssertFalse(isGray(drawn, 5, 30, 200))
    }

    func testStepsGiveOneMarkerPerEvidenceBox() {
        let boxes = EvidenceOverlay.boxes(of: Fixtures.classification(image: "x.png"))
        XCTAssertEqual(boxes.count, 1)
        XCTAssertEqual(boxes[0].box, Box(x0: 10, y0: 12, x1: 40, y1: 30))
        XCTAssertEqual(boxes[0].label, "1 top_label")
    }

    func testABoxCitedByTwoStepsIsDrawnOnceWithBothLabels() {
        var c = Fixtures.classification(image: "x.png")
        c.steps[1].boxes = c.steps[0].boxes + [Box(x0: 1, y0: 1, x1: 5, y1: 5)]
        let boxes = EvidenceOverlay.boxes(of: c)
        XCTAssertEqual(boxes.map(\.label), ["1 top_label, 2 fruit_icon", "2 fruit_icon"])
        XCTAssertEqual(boxes.map(\.group), [1, 2])
    }

    func testSmallImagesAreEnlargedWithTheirBoxes() throws {
        let image = RGBImage(width: 50, height: 100, fill: 128)
        let drawn = try EvidenceOverlay.draw([.init(box: Box(x0: 10, y0: 40, x1: 40, y1: 90), label: "a", group: 0)],
                                             on: image, minimumLongSide: 400)
        XCTAssertEqual(drawn.width, 200); XCTAssertEqual(drawn.height, 400)
        XCTAssertFalse(isGray(drawn, 40, 260, 128), "left edge at x = 4 * 10")
        XCTAssertTrue(isGray(drawn, 100, 260, 128), "inside the box")
        XCTAssertTrue(isGray(drawn, 20, 260, 128), "left of the box")
    }
}
