import CPNG
import Foundation

/// PNG decoding with libpng's simplified API: any bit depth and colour type (gray, gray+alpha,
/// RGB, RGBA, palette, tRNS) to 8-bit gray or RGB.
enum PNGDecoder {
    static func decode(_ data: Data, name: String, maxPixels: Int) throws -> RGBImage {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> RGBImage in
            // The limit is checked on the IHDR fields first: libpng itself refuses widths or heights
            // above one million with a less useful message.
            if let (width, height) = headerSize(raw) { try check(width, height, name: name, maxPixels: maxPixels) }
            var png = png_image()
            png.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&png, raw.baseAddress, raw.count) != 0 else {
                throw ImageError.truncated(name, PNGEncoder.message(of: &png))
            }
            defer { png_image_free(&png) }
            let width = Int(png.width), height = Int(png.height)
            try check(width, height, name: name, maxPixels: maxPixels)
            // Without a gAMA/sRGB chunk libpng would take 16-bit samples as linear light and
            // gamma-encode them; PNG writers mean them as plain sRGB values, so say so.
            png.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
            let isColor = png.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
            png.format = isColor ? UInt32(PNG_FORMAT_RGB) : UInt32(PNG_FORMAT_GRAY)
            let channels = isColor ? 3 : 1
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            var black = png_color(red: 0, green: 0, blue: 0)
            let ok = pixels.withUnsafeMutableBytes { dst in
                png_image_finish_read(&png, &black, dst.baseAddress, Int32(width * channels), nil)
            }
            guard ok != 0 else { throw ImageError.truncated(name, PNGEncoder.message(of: &png)) }
            return RGBImage(width: width, height: height, channels: channels, pixels: pixels)
        }
    }

    /// Width and height from the IHDR chunk, which the PNG format requires right after the signature.
    private static func headerSize(_ raw: UnsafeRawBufferPointer) -> (Int, Int)? {
        guard raw.count >= 24, Array(raw[12..<16]) == Array("IHDR".utf8) else { return nil }
        func bigEndian(_ at: Int) -> Int { raw[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (bigEndian(16), bigEndian(20))
    }

    private static func check(_ width: Int, _ height: Int, name: String, maxPixels: Int) throws {
        guard width > 0, height > 0 else { throw ImageError.truncated(name, "image has no pixels") }
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, count <= maxPixels else {
            throw ImageError.tooLarge(name, width: width, height: height, limit: maxPixels)
        }
    }
}
