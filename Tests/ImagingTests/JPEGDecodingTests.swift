import CTurboJPEG
import Foundation
import Imaging
import XCTest

/// JPEGs made with TurboJPEG's compressor decode to the right size and close to the source pixels.
final class JPEGDecodingTests: XCTestCase {
    func testColourJPEGDecodesCloseToItsSource() throws {
        let source = smoothImage(width: 48, height: 32, channels: 3)
        let image = try ImageDecoder.decode(data: try compress(source, quality: 95), name: "test.jpg")
        XCTAssertEqual([image.width, image.height, image.channels], [48, 32, 3])
        XCTAssertLessThan(meanAbsoluteError(image, source), 3)
    }

    func testGrayJPEGDecodesToOneChannel() throws {
        let source = smoothImage(width: 40, height: 24, channels: 1)
        let image = try ImageDecoder.decode(data: try compress(source, quality: 95), name: "gray.jpg")
        XCTAssertEqual([image.width, image.height, image.channels], [40, 24, 1])
        XCTAssertLessThan(meanAbsoluteError(image, source), 3)
    }

    func testFormatIsFoundByContentNotName() throws {
        let jpeg = try compress(smoothImage(width: 8, height: 8, channels: 3), quality: 90)
        XCTAssertEqual(ImageFormat(sniffing: jpeg), .jpeg)
        XCTAssertEqual(try ImageDecoder.decode(data: jpeg, name: "misnamed.png").width, 8)
    }

    private func smoothImage(width: Int, height: Int, channels: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height, channels: channels)
        for y in 0..<height { for x in 0..<width { for c in 0..<channels {
            image[x, y, c] = UInt8(40 + (x * 150) / width + (y * 50) / height + c * 10)
        } } }
        return image
    }

    private func meanAbsoluteError(_ a: RGBImage, _ b: RGBImage) -> Double {
        zip(a.pixels, b.pixels).map { abs(Double($0) - Double($1)) }.reduce(0, +) / Double(a.pixels.count)
    }
}

/// A JPEG of `image` from TurboJPEG's compressor.
func compress(_ image: RGBImage, quality: Int32) throws -> Data {
    let handle = try XCTUnwrap(tjInitCompress())
    defer { tjDestroy(handle) }
    var buffer: UnsafeMutablePointer<UInt8>? = nil
    var size: UInt = 0
    let gray = image.channels == 1
    let status = image.pixels.withUnsafeBufferPointer { src in
        tjCompress2(handle, src.baseAddress, Int32(image.width), 0, Int32(image.height),
                    Int32(gray ? TJPF_GRAY.rawValue : TJPF_RGB.rawValue), &buffer, &size,
                    Int32(gray ? TJSAMP_GRAY.rawValue : TJSAMP_444.rawValue), quality, 0)
    }
    defer { tjFree(buffer) }
    XCTAssertEqual(status, 0, String(cString: tjGetErrorStr2(handle)))
    return Data(bytes: try XCTUnwrap(buffer), count: Int(size))
}
