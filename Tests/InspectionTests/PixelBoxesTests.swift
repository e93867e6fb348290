import Annotations
import Imaging
import Inspection
import XCTest

/// Boxes the model writes relative to what it saw land on the right pixels of the user's image.
final class PixelBoxesTests: XCTestCase {
    func testRelativeBoxesScaleToTheImageSize() {
        let box = PixelBoxes.map(Box(x0: 0.25, y0: 0.5, x1: 0.75, y1: 1.0), width: 800, height: 1600)
        XCTAssertEqual(box, Box(x0: 200, y0: 800, x1: 600, y1: 1600))
    }

    func testBoxesAreClampedToTheImage() {
        let box = PixelBoxes.map(Box(x0: -0.1, y0: 0.2, x1: 1.2, y1: 0.4), width: 100, height: 50)
        XCTAssertEqual(box, Box(x0: 0, y0: 10, x1: 100, y1: 20))
    }

    func testLetterboxedBoxesMapBackThroughScaleAndOffset() {
        // 200 x 400 into 64 x 64: content 32 x 64 at x offset 16, scale 0.16.
        let letterbox = RGBImage(width: 200, height: 400, fill: 128).letterboxed(width: 64, height: 64)
        XCTAssertEqual(letterbox.offsetX, 16)
        let whole = PixelBoxes.map(Box(x0: 0.25, y0: 0, x1: 0.75, y1: 1), letterbox: letterbox,
                                   originalWidth: 200, originalHeight: 400)
        XCTAssertEqual(whole.x0, 0, accuracy: 1e-9); XCTAssertEqual(whole.x1, 200, accuracy: 1e-9)
        XCTAssertEqual(whole.y0, 0, accuracy: 1e-9); XCTAssertEqual(whole.y1, 400, accuracy: 1e-9)
        // Canvas x 32..40 is content x 16..24, i.e. original 100..150; canvas y 16..32 is original 100..200.
        let part = PixelBoxes.map(Box(x0: 0.5, y0: 0.25, x1: 0.625, y1: 0.5), letterbox: letterbox,
                                  originalWidth: 200, originalHeight: 400)
        XCTAssertEqual(part.x0, 100, accuracy: 1e-9); XCTAssertEqual(part.x1, 150, accuracy: 1e-9)
        XCTAssertEqual(part.y0, 100, accuracy: 1e-9); XCTAssertEqual(part.y1, 200, accuracy: 1e-9)
        // The padding maps outside the image and is clamped to its edge.
        let pad = PixelBoxes.map(Box(x0: 0, y0: 0, x1: 0.2, y1: 0.1), letterbox: letterbox,
                                 originalWidth: 200, originalHeight: 400)
        XCTAssertEqual(pad.x0, 0); XCTAssertEqual(pad.x1, 0)
    }
}
