import Foundation

/// Reads PNG and JPEG files into 8-bit images.
///
/// The format is taken from the file's leading bytes. Every failure is an `ImageError` naming the
/// file. The header's pixel count is checked against `maxPixels` before any pixel memory is
/// allocated, so a small file that declares a huge image (a decompression bomb) is refused cheaply.
/// PNG alpha is composited on black (transparent mask pixels read as 0, "no defect"); 16-bit
/// samples are scaled to 8 bits (v * 255 / 65535, rounded); a file whose gAMA chunk declares
/// another gamma than sRGB's is converted to sRGB by libpng.
public enum ImageDecoder {
    /// 40 M pixels: far above any image this project handles, far below what exhausts memory.
    public static let defaultMaxPixels = 40_000_000

    public static func load(_ url: URL, maxPixels: Int = defaultMaxPixels, mode: ColorMode = .native) throws -> RGBImage {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImageError.missing(path)
        }
        guard !isDirectory.boolValue else { throw ImageError.unreadable(path, "it is a folder") }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImageError.unreadable(path, error.localizedDescription)
        }
        return try decode(data: data, name: path, maxPixels: maxPixels, mode: mode)
    }

    /// Decodes an in-memory file; `name` is what errors call it.
    public static func decode(data: Data, name: String, maxPixels: Int = defaultMaxPixels,
                              mode: ColorMode = .native) throws -> RGBImage {
        precondition(maxPixels > 0, "maxPixels must be positive, got \(maxPixels)")
        guard !data.isEmpty else { throw ImageError.empty(name) }
        guard let format = ImageFormat(sniffing: data) else { throw ImageError.notAnImage(name) }
        let image: RGBImage
        switch format {
        case .png: image = try PNGDecoder.decode(data, name: name, maxPixels: maxPixels)
        case .jpeg: image = try JPEGDecoder.decode(data, name: name, maxPixels: maxPixels)
        }
        switch mode {
        case .native: return image
        case .rgb: return image.rgb()
        case .gray: return image.grayscale()
        }
    }
}
