import Imaging
import Randomness
import XCTest

/// Resizing checked against hand-computed values and a direct (non-separable) area integral.
final class ResizeTests: XCTestCase {
    func testAreaShrinkByNonIntegerRatioByHand() {
        // Output pixels cover [0, 1.5) and [1.5, 3): (0 + 30/2) / 1.5 = 10 and (30/2 + 60) / 1.5 = 50.
        let image = RGBImage(width: 3, height: 1, channels: 1, pixels: [0, 30, 60])
        XCTAssertEqual(image.resized(width: 2, height: 1, method: .area).pixels, [10, 50])
    }

    func testAreaShrinkGivesBlockMeans() {
        // 4x4 -> 2x2: each output is the mean of its 2x2 block.
        let image = RGBImage(width: 4, height: 4, channels: 1, pixels: [
            0, 10, 100, 100,
            20, 30, 100, 100,
            1, 3, 200, 0,
            5, 7, 0, 200])
        XCTAssertEqual(image.resized(width: 2, height: 2, method: .area).pixels, [15, 100, 4, 100])
    }

    func testAreaMatchesDirectIntegralForManyRatios() {
        var generator = SeededGenerator(seed: 7)
        for (w, h, nw, nh) in [(37, 23, 10, 7), (200, 400, 128, 256), (64, 64, 24, 40), (5, 3, 12, 7), (9, 9, 9, 4)] {
            for channels in [1, 3] {
                let pixels = (0..<(w * h * channels)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                let image = RGBImage(width: w, height: h, channels: channels, pixels: pixels)
                let out = image.resized(width: nw, height: nh, method: .area)
                var worst = 0.0
                for y in 0..<nh { for x in 0..<nw { for c in 0..<channels {
                    let expected = areaMean(image, x: x, y: y, c: c, nw: nw, nh: nh)
                    worst = max(worst, abs(Double(out[x, y, c]) - expected))
                } } }
                XCTAssertLessThanOrEqual(worst, 0.501, "\(w)x\(h) -> \(nw)x\(nh), \(channels) channel(s)")
            }
        }
    }

    func testConstantImageStaysConstant() {
        let image = RGBImage(width: 31, height: 17, channels: 3, fill: 173)
        for method in [ResizeMethod.area, .bilinear] {
            for (w, h) in [(7, 5), (64, 40), (31, 1)] {
                XCTAssertTrue(image.resized(width: w, height: h, method: method).pixels.allSatisfy { $0 == 173 })
            }
        }
    }

    func testBilinearByHand() {
        // Centres of 4 outputs over 2 inputs sit at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        let row = RGBImage(width: 2, height: 1, channels: 1, pixels: [0, 100])
        XCTAssertEqual(row.resized(width: 4, height: 1, method: .bilinear).pixels, [0, 25, 75, 100])
        // f(x, y) = 100 tx + 100 ty on [[0, 100], [100, 200]], with t in (0, 0.25, 0.75, 1).
        let square = RGBImage(width: 2, height: 2, channels: 1, pixels: [0, 100, 100, 200])
        let t = [0.0, 0.25, 0.75, 1.0]
        let expected = t.flatMap { ty in t.map { tx in UInt8(100 * tx + 100 * ty) } }
        XCTAssertEqual(square.resized(width: 4, height: 4, method: .bilinear).pixels, expected)
        // Halving samples between each pair: centre (2x + 0.5) * 2 - 0.5 = 2x + 0.5.
        let ramp = RGBImage(width: 4, height: 1, channels: 1, pixels: [0, 10, 20, 40])
        XCTAssertEqual(ramp.resized(width: 2, height: 1, method: .bilinear).pixels, [5, 30])
    }

    func testChannelsStaySeparate() {
        var image = RGBImage(width: 6, height: 4)
        for y in 0..<4 { for x in 0..<6 { image[x, y, 0] = 255; image[x, y, 2] = UInt8(x * 40) } }
        let out = image.resized(width: 3, height: 2, method: .area)
        for y in 0..<2 { for x in 0..<3 {
            XCTAssertEqual([out[x, y, 0], out[x, y, 1], out[x, y, 2]], [255, 0, UInt8(x * 80 + 20)])
        } }
    }

    func testSameSizeIsIdentity() {
        let image = RGBImage(width: 3, height: 2, channels: 1, pixels: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(image.resized(width: 3, height: 2, method: .bilinear), image)
        XCTAssertEqual(image.resized(width: 3, height: 2, method: .area), image)
    }

    func testResizeSpeed() {
        // A training image: quarter-resolution LOCO (200x400) to a model input (128x256).
        let image = RGBImage(width: 200, height: 400, channels: 3, fill: 90)
        measure { _ = image.resized(width: 128, height: 256, method: .area) }
    }

    /// The mean of the piecewise-constant source over the output pixel's footprint, by direct 2-D
    /// summation of overlap areas.
    private func areaMean(_ image: RGBImage, x: Int, y: Int, c: Int, nw: Int, nh: Int) -> Double {
        let rx = Double(image.width) / Double(nw), ry = Double(image.height) / Double(nh)
        let x0 = Double(x) * rx, x1 = Double(x + 1) * rx, y0 = Double(y) * ry, y1 = Double(y + 1) * ry
        var sum = 0.0
        // Only source pixels that can touch the footprint; the overlap formula zeroes the rest.
        let columns = max(0, Int(x0) - 1)..<min(image.width, Int(x1) + 2)
        let rows = max(0, Int(y0) - 1)..<min(image.height, Int(y1) + 2)
        for sy in rows { for sx in columns {
            let ox = max(0, min(x1, Double(sx + 1)) - max(x0, Double(sx)))
            let oy = max(0, min(y1, Double(sy + 1)) - max(y0, Double(sy)))
            sum += ox * oy * Double(image[sx, sy, c])
        } }
        return sum / (rx * ry)
    }
}
