import CPNG
import Foundation

/// Encodes 8-bit gray or RGB images as PNG with libpng's write API, into memory. Same pixels and
/// level give the same bytes.
///
/// The compression level trades size for time. On the noisy 256 px renders of `logicls synth`
/// (image and masks, CPU time per image), level 1 with the Up filter on every row takes 2.9 ms;
/// level 6 with libpng's adaptive filter choice takes 11.7 ms for files 15% smaller; libpng's
/// simplified writer (level 6, no choice) takes 20.6 ms. Level 1 and the Up filter are the default.
public enum PNGEncoder {
    /// zlib level used by `encode(_:)` and `write(_:to:)`.
    public static let defaultCompressionLevel = 1

    /// The PNG bytes of `image` at zlib `compressionLevel` (0 = stored ... 9 = smallest).
    public static func encode(_ image: RGBImage, compressionLevel: Int = defaultCompressionLevel) throws -> Data {
        guard (0...9).contains(compressionLevel) else {
            throw ImageError.encodeFailed("compression level \(compressionLevel) is outside 0...9")
        }
        guard image.width <= Int(PNG_UINT_31_MAX), image.height <= Int(PNG_UINT_31_MAX) else {
            throw ImageError.encodeFailed("\(image.width)x\(image.height) pixels exceed the PNG size limit of \(PNG_UINT_31_MAX) per side")
        }
        // libpng reports errors through a callback that must not return (it would longjmp, which
        // Swift cannot catch). With the size checked above, writing to memory leaves it no
        // failure but running out of memory, so that ends the program with libpng's reason.
        var png: png_structp? = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, { _, message in
            fatalError("libpng: \(message.map { String(cString: $0) } ?? "unknown error") while encoding a PNG")
        }, { _, _ in })
        var info = png_create_info_struct(png)
        defer { png_destroy_write_struct(&png, &info) }
        guard png != nil, info != nil else { throw ImageError.encodeFailed("libpng could not create its write structures") }

        let sink = Sink()
        let box = Unmanaged.passUnretained(sink).toOpaque()
        png_set_write_fn(png, box, { png, bytes, count in
            guard let png, let bytes else { return }
            Unmanaged<Sink>.fromOpaque(png_get_io_ptr(png)).takeUnretainedValue().data.append(bytes, count: count)
        }, { _ in })
        png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX)
        png_set_compression_level(png, Int32(compressionLevel))
        png_set_filter(png, 0, PNG_FILTER_UP)
        png_set_IHDR(png, info, png_uint_32(image.width), png_uint_32(image.height), 8,
                     image.channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT)
        png_write_info(png, info)
        let rowBytes = image.width * image.channels
        image.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<image.height { png_write_row(png, pixels.baseAddress! + y * rowBytes) }
        }
        png_write_end(png, nil)
        withExtendedLifetime(sink) {}
        return sink.data
    }

    /// Writes atomically: a crash never leaves a half-written PNG behind.
    public static func write(_ image: RGBImage, to url: URL, compressionLevel: Int = defaultCompressionLevel) throws {
        try encode(image, compressionLevel: compressionLevel).write(to: url, options: .atomic)
    }

    /// The error text libpng's simplified API left in `png` (used by `PNGDecoder`).
    static func message(of png: inout png_image) -> String {
        withUnsafeBytes(of: &png.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Collects the bytes libpng writes.
    private final class Sink {
        var data = Data()
    }
}
