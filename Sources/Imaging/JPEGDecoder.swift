import CTurboJPEG
import Foundation

/// JPEG decoding with TurboJPEG: gray JPEGs to 1 channel, YCbCr/RGB ones to RGB; CMYK is refused.
enum JPEGDecoder {
    static func decode(_ data: Data, name: String, maxPixels: Int) throws -> RGBImage {
        guard let handle = tjInitDecompress() else {
            throw ImageError.unreadable(name, "TurboJPEG could not start: \(String(cString: tjGetErrorStr2(nil)))")
        }
        defer { tjDestroy(handle) }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> RGBImage in
            let bytes = raw.bindMemory(to: UInt8.self)
            var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
            guard tjDecompressHeader3(handle, bytes.baseAddress, UInt(bytes.count),
                                      &width, &height, &subsampling, &colorspace) == 0 else {
                throw ImageError.truncated(name, String(cString: tjGetErrorStr2(handle)))
            }
            let w = Int(width), h = Int(height)
            guard w > 0, h > 0 else { throw ImageError.truncated(name, "image has no pixels") }
            guard w * h <= maxPixels else {
                throw ImageError.tooLarge(name, width: w, height: h, limit: maxPixels)
            }
            guard colorspace != Int32(TJCS_CMYK.rawValue), colorspace != Int32(TJCS_YCCK.rawValue) else {
                throw ImageError.unsupported(name, "CMYK JPEG")
            }
            let isGray = colorspace == Int32(TJCS_GRAY.rawValue)
            let channels = isGray ? 1 : 3
            let pixelFormat = isGray ? Int32(TJPF_GRAY.rawValue) : Int32(TJPF_RGB.rawValue)
            var pixels = [UInt8](repeating: 0, count: w * h * channels)
            // Warnings (e.g. a premature end of data) count as failures: the pixels would be made up.
            let status = pixels.withUnsafeMutableBufferPointer { dst in
                tjDecompress2(handle, bytes.baseAddress, UInt(bytes.count), dst.baseAddress,
                              width, Int32(w * channels), height, pixelFormat, TJFLAG_STOPONWARNING)
            }
            guard status == 0 else { throw ImageError.truncated(name, String(cString: tjGetErrorStr2(handle))) }
            return RGBImage(width: w, height: h, channels: channels, pixels: pixels)
        }
    }
}
