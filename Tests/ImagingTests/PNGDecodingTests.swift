import Foundation
import Imaging
import Randomness
import XCTest

/// Every PNG colour type and bit depth, written by `RawPNG` (not libpng), decodes to the values
/// the format defines.
final class PNGDecodingTests: XCTestCase {
    private func decode(_ data: Data, mode: ColorMode = .native) throws -> RGBImage {
        try ImageDecoder.decode(data: data, name: "test.png", mode: mode)
    }

    func testGray8KeepsValuesInOneChannel() throws {
        let values = [0, 1, 127, 128, 254, 255]
        let image = try decode(RawPNG.make(width: 3, height: 2, colorType: .gray, bitDepth: 8, samples: values))
        XCTAssertEqual(image.channels, 1)
        XCTAssertEqual(image.pixels, values.map(UInt8.init))
    }

    func testGray16ScalesTo8Bits() throws {
        // 257 * k is exactly k in 8 bits; no gamma change for a file without gAMA.
        let ks = [0, 1, 50, 128, 200, 255]
        let image = try decode(RawPNG.make(width: 6, height: 1, colorType: .gray, bitDepth: 16, samples: ks.map { $0 * 257 }))
        XCTAssertEqual(image.pixels, ks.map(UInt8.init))
    }

    func testLowBitDepthGrayExpandsToFullRange() throws {
        for (depth, scale) in [(1, 255), (2, 85), (4, 17)] {
            let levels = Array(0..<(1 << depth))
            let samples = (0..<10).map { levels[$0 % levels.count] }
            let image = try decode(RawPNG.make(width: 5, height: 2, colorType: .gray, bitDepth: depth, samples: samples))
            XCTAssertEqual(image.pixels, samples.map { UInt8($0 * scale) }, "bit depth \(depth)")
        }
    }

    func testRGB8AndRGB16() throws {
        let rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]
        let image8 = try decode(RawPNG.make(width: 2, height: 2, colorType: .rgb, bitDepth: 8, samples: rgb))
        XCTAssertEqual(image8.channels, 3)
        XCTAssertEqual(image8.pixels, rgb.map(UInt8.init))
        let image16 = try decode(RawPNG.make(width: 2, height: 2, colorType: .rgb, bitDepth: 16, samples: rgb.map { $0 * 257 }))
        XCTAssertEqual(image16.pixels, rgb.map(UInt8.init))
    }

    func testPaletteIndicesBecomeTheirColours() throws {
        let palette: [[UInt8]] = [[10, 20, 30], [200, 100, 0], [0, 0, 255], [7, 7, 7]]
        for depth in [2, 4, 8] {
            let indices = [0, 1, 2, 3, 3, 2, 1, 0, 1]
            let image = try decode(RawPNG.make(width: 3, height: 3, colorType: .palette, bitDepth: depth,
                                               samples: indices, palette: palette))
            XCTAssertEqual(image.channels, 3)
            XCTAssertEqual(image.pixels, indices.flatMap { palette[$0] }, "bit depth \(depth)")
        }
    }

    func testAlphaIsCompositedOnBlack() throws {
        // Opaque pixels keep their value, transparent ones become black.
        let rgba = [200, 100, 50, 255, 200, 100, 50, 0]
        let image = try decode(RawPNG.make(width: 2, height: 1, colorType: .rgba, bitDepth: 8, samples: rgba))
        XCTAssertEqual(image.pixels, [200, 100, 50, 0, 0, 0])
        let rgba16 = try decode(RawPNG.make(width: 2, height: 1, colorType: .rgba, bitDepth: 16,
                                            samples: rgba.map { $0 * 257 }))
        XCTAssertEqual(rgba16.pixels, [200, 100, 50, 0, 0, 0])
        let grayAlpha = try decode(RawPNG.make(width: 3, height: 1, colorType: .grayAlpha, bitDepth: 8,
                                               samples: [90, 255, 90, 0, 255, 128]))
        XCTAssertEqual(grayAlpha.channels, 1)
        XCTAssertEqual(Array(grayAlpha.pixels[0...1]), [90, 0])
        XCTAssertTrue(grayAlpha.pixels[2] > 0 && grayAlpha.pixels[2] < 255, "half-transparent white lies between")
        let paletteAlpha = try decode(RawPNG.make(width: 2, height: 1, colorType: .palette, bitDepth: 8, samples: [0, 1],
                                                  palette: [[9, 8, 7], [250, 250, 250]], transparency: [255, 0]))
        XCTAssertEqual(paletteAlpha.pixels, [9, 8, 7, 0, 0, 0])
    }

    func testEncoderRoundTripsGrayAndRGB() throws {
        var generator = SeededGenerator(seed: 11)
        for channels in [1, 3] {
            let pixels = (0..<(17 * 9 * channels)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let image = RGBImage(width: 17, height: 9, channels: channels, pixels: pixels)
            XCTAssertEqual(try decode(PNGEncoder.encode(image)), image, "\(channels) channel(s)")
        }
    }

    func testColorModesConvert() throws {
        let rgb = RawPNG.make(width: 1, height: 1, colorType: .rgb, bitDepth: 8, samples: [255, 0, 0])
        XCTAssertEqual(try decode(rgb, mode: .gray), RGBImage(width: 1, height: 1, channels: 1, pixels: [76]))
        let gray = RawPNG.make(width: 1, height: 1, colorType: .gray, bitDepth: 8, samples: [42])
        XCTAssertEqual(try decode(gray, mode: .rgb), RGBImage(width: 1, height: 1, channels: 3, pixels: [42, 42, 42]))
        XCTAssertEqual(try decode(gray, mode: .native).channels, 1)
    }

    func testLargeImageSpanningSeveralDeflateBlocks() throws {
        let samples = (0..<(300 * 200 * 3)).map { ($0 * 7) % 256 }
        let image = try decode(RawPNG.make(width: 300, height: 200, colorType: .rgb, bitDepth: 8, samples: samples))
        XCTAssertEqual(image.pixels, samples.map(UInt8.init))
    }
}
