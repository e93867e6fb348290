import Foundation
import Imaging
import Randomness
import XCTest

/// PNGEncoder writes gray and RGB images that decode back to the same pixels at every
/// compression level, with the header the format defines, and the same bytes every time.
final class PNGEncodingTests: XCTestCase {
    /// A smooth gradient with noise (as renders are), odd sizes so rows are not word-aligned.
    func sample(channels: Int, width: Int = 61, height: Int = 23) -> RGBImage {
        var generator = SeededGenerator(seed: UInt64(channels))
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    let base = (x * 3 + y * 5 + c * 40) % 200
                    pixels.append(UInt8(base + Int(generator.next() % 50)))
                }
            }
        }
        return RGBImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Width, height, bit depth and colour type from the IHDR chunk, which follows the 8-byte
    /// signature and the chunk's length and type.
    func header(_ png: Data) -> (width: Int, height: Int, depth: UInt8, colorType: UInt8) {
        let bytes = [UInt8](png)
        func big(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (big(16), big(20), bytes[24], bytes[25])
    }

    func testEveryLevelRoundTripsGrayAndRGB() throws {
        for channels in [1, 3] {
            let image = sample(channels: channels)
            for level in 0...9 {
                let png = try PNGEncoder.encode(image, compressionLevel: level)
                XCTAssertEqual(Array(png.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10], "PNG signature")
                let h = header(png)
                XCTAssertEqual(h.width, image.width)
                XCTAssertEqual(h.height, image.height)
                XCTAssertEqual(h.depth, 8)
                XCTAssertEqual(h.colorType, channels == 1 ? 0 : 2, "gray is colour type 0, RGB 2")
                XCTAssertEqual(try ImageDecoder.decode(data: png, name: "level\(level).png"), image, "\(channels) channel(s), level \(level)")
            }
        }
    }

    func testOutputIsDeterministicAndTheLevelIsApplied() throws {
        let image = sample(channels: 3, width: 128, height: 96)
        let first = try PNGEncoder.encode(image)
        XCTAssertEqual(try PNGEncoder.encode(image), first, "same pixels, same bytes")
        XCTAssertEqual(try PNGEncoder.encode(image, compressionLevel: PNGEncoder.defaultCompressionLevel), first)
        let stored = try PNGEncoder.encode(image, compressionLevel: 0)
        let smallest = try PNGEncoder.encode(image, compressionLevel: 9)
        XCTAssertGreaterThan(stored.count, image.pixels.count, "level 0 stores the filtered rows uncompressed")
        XCTAssertLessThan(smallest.count, first.count, "level 9 compresses more than the default")
        XCTAssertLessThan(first.count, stored.count)
    }

    func testLevelOutsideTheZlibRangeIsRefused() {
        for level in [-1, 10] {
            XCTAssertThrowsError(try PNGEncoder.encode(sample(channels: 1), compressionLevel: level)) { error in
                XCTAssertEqual(error as? ImageError, .encodeFailed("compression level \(level) is outside 0...9"))
            }
        }
    }

    func testWriteStoresTheEncodedBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("png-encoding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = sample(channels: 3), url = folder.appendingPathComponent("image.png")
        try PNGEncoder.write(image, to: url)
        XCTAssertEqual(try Data(contentsOf: url), try PNGEncoder.encode(image))
        XCTAssertEqual(try ImageDecoder.load(url), image)
        XCTAssertThrowsError(try PNGEncoder.write(image, to: folder.appendingPathComponent("missing/image.png")))
    }
}
