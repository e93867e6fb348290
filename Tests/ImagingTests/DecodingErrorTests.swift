import Foundation
import Imaging
import XCTest

/// Bad input gives an `ImageError` naming the file, never a crash or made-up pixels.
final class DecodingErrorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("imaging-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ data: Data, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    private var samplePNG: Data {
        RawPNG.make(width: 16, height: 16, colorType: .rgb, bitDepth: 8, samples: (0..<768).map { $0 % 256 })
    }

    func testMissingFile() {
        let url = folder.appendingPathComponent("nothing.png")
        XCTAssertThrowsError(try ImageDecoder.load(url)) { XCTAssertEqual($0 as? ImageError, .missing(url.path)) }
    }

    func testEmptyFile() throws {
        let url = try write(Data(), "empty.png")
        XCTAssertThrowsError(try ImageDecoder.load(url)) { XCTAssertEqual($0 as? ImageError, .empty(url.path)) }
    }

    func testFolderIsNotAnImage() {
        XCTAssertThrowsError(try ImageDecoder.load(folder)) { error in
            guard case .unreadable(let path, _)? = error as? ImageError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, self.folder.path)
        }
    }

    func testTextFileIsNotAnImage() throws {
        let url = try write(Data("path,split\n".utf8), "labels.png")
        XCTAssertThrowsError(try ImageDecoder.load(url)) { XCTAssertEqual($0 as? ImageError, .notAnImage(url.path)) }
    }

    func testTruncatedPNG() throws {
        for keep in [10, 30, samplePNG.count / 2, samplePNG.count - 13] {
            let url = try write(samplePNG.prefix(keep), "cut\(keep).png")
            assertTruncated(url, "PNG cut to \(keep) bytes")
        }
    }

    func testCorruptPNGData() throws {
        var data = samplePNG
        data[data.count / 2] ^= 0xFF  // inside IDAT: the chunk's CRC no longer matches
        assertTruncated(try write(data, "flipped.png"), "PNG with a flipped byte")
    }

    func testTruncatedAndCorruptJPEG() throws {
        var image = RGBImage(width: 32, height: 32)
        for i in image.pixels.indices { image.pixels[i] = UInt8((i * 31) % 256) }
        let jpeg = try compress(image, quality: 90)
        assertTruncated(try write(jpeg.prefix(jpeg.count / 2), "cut.jpg"), "JPEG cut in half")
        assertTruncated(try write(jpeg.prefix(4), "stub.jpg"), "JPEG of 4 bytes")
    }

    func testPixelLimitIsCheckedBeforeDecoding() throws {
        // A 100 000 x 100 000 header with no pixel data: refused for its size, nothing allocated.
        let bomb = try write(RawPNG.headerOnly(width: 100_000, height: 100_000), "bomb.png")
        XCTAssertThrowsError(try ImageDecoder.load(bomb)) {
            XCTAssertEqual($0 as? ImageError, .tooLarge(bomb.path, width: 100_000, height: 100_000,
                                                        limit: ImageDecoder.defaultMaxPixels))
        }
        let url = try write(samplePNG, "small.png")
        XCTAssertThrowsError(try ImageDecoder.load(url, maxPixels: 255)) {
            XCTAssertEqual($0 as? ImageError, .tooLarge(url.path, width: 16, height: 16, limit: 255))
        }
        XCTAssertEqual(try ImageDecoder.load(url, maxPixels: 256).width, 16, "exactly at the limit is allowed")
        let jpeg = try compress(RGBImage(width: 20, height: 10), quality: 80)
        XCTAssertThrowsError(try ImageDecoder.decode(data: jpeg, name: "j.jpg", maxPixels: 199)) {
            XCTAssertEqual($0 as? ImageError, .tooLarge("j.jpg", width: 20, height: 10, limit: 199))
        }
    }

    func testErrorMessagesNameTheFile() throws {
        let url = try write(samplePNG.prefix(40), "named.png")
        XCTAssertThrowsError(try ImageDecoder.load(url)) { XCTAssertTrue("\($0)".contains(url.path), "\($0)") }
    }

    private func assertTruncated(_ url: URL, _ what: String, line: UInt = #line) {
        XCTAssertThrowsError(try ImageDecoder.load(url), what, line: line) { error in
            guard case .truncated(let path, let why)? = error as? ImageError else {
                return XCTFail("\(what): \(error)", line: line)
            }
            XCTAssertEqual(path, url.path, line: line)
            XCTAssertFalse(why.isEmpty, line: line)
        }
    }
}
