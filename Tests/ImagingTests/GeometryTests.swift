import Imaging
import XCTest

/// Crop, pad, letterbox, colour conversion and the normalised tensor layout.
final class GeometryTests: XCTestCase {
    /// Pixel value = 10 * y + x, so every pixel says where it came from.
    private let grid = RGBImage(width: 5, height: 4, channels: 1, pixels: (0..<4).flatMap { y in (0..<5).map { UInt8(10 * y + $0) } })

    func testCropTakesTheRectangle() {
        XCTAssertEqual(grid.cropped(x: 1, y: 2, width: 3, height: 2).pixels, [21, 22, 23, 31, 32, 33])
        XCTAssertEqual(grid.cropped(x: 0, y: 0, width: 5, height: 4), grid)
    }

    func testPadPlacesTheImageAndFillsTheBorder() {
        let image = RGBImage(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6])
        let out = image.padded(top: 1, left: 2, bottom: 0, right: 1, value: 9)
        XCTAssertEqual([out.width, out.height], [5, 2])
        XCTAssertEqual(out.pixels, [UInt8](repeating: 9, count: 15) + [9, 9, 9, 9, 9, 9, 1, 2, 3, 4, 5, 6, 9, 9, 9])
    }

    func testLetterboxKeepsAspectAndMapsPointsBothWays() {
        let image = RGBImage(width: 200, height: 400, channels: 3, fill: 200)
        let box = image.letterboxed(width: 128, height: 128, value: 0)
        XCTAssertEqual([box.image.width, box.image.height, box.offsetX, box.offsetY], [128, 128, 32, 0])
        XCTAssertEqual(box.scaleX, 0.32, accuracy: 1e-12)
        XCTAssertEqual(box.scaleY, 0.32, accuracy: 1e-12)
        XCTAssertEqual([box.image[31, 64, 0], box.image[32, 64, 0], box.image[95, 64, 0], box.image[96, 64, 0]], [0, 200, 200, 0])
        let corner = box.toCanvas(x: 200, y: 400)
        XCTAssertEqual(corner.x, 96, accuracy: 1e-9)
        XCTAssertEqual(corner.y, 128, accuracy: 1e-9)
        let back = box.toOriginal(x: corner.x, y: corner.y)
        XCTAssertEqual(back.x, 200, accuracy: 1e-9)
        XCTAssertEqual(back.y, 400, accuracy: 1e-9)
    }

    func testLetterboxOfWideImagePadsTopAndBottom() {
        let box = RGBImage(width: 256, height: 128, channels: 1, fill: 50).letterboxed(width: 64, height: 64, value: 7)
        XCTAssertEqual([box.offsetX, box.offsetY], [0, 16])
        XCTAssertEqual([box.image[10, 15, 0], box.image[10, 16, 0], box.image[10, 47, 0], box.image[10, 48, 0]], [7, 50, 50, 7])
    }

    func testGrayscaleUsesBT601Weights() {
        let image = RGBImage(width: 4, height: 1, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255, 77, 77, 77])
        XCTAssertEqual(image.grayscale().pixels, [76, 150, 29, 77])
        XCTAssertEqual(image.grayscale().rgb().pixels, [76, 76, 76, 150, 150, 150, 29, 29, 29, 77, 77, 77])
    }

    func testNormalizedCHWIsPlanarAndScaled() {
        let image = RGBImage(width: 2, height: 1, pixels: [0, 255, 51, 255, 0, 102])
        let tensor = image.normalizedCHW(mean: [0.5, 0, 0.2], std: [0.5, 1, 0.2])
        let expected: [Float] = [-1, 1, 1, 0, 0, 1]
        XCTAssertEqual(tensor.count, 6)
        for (a, b) in zip(tensor, expected) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }
}
