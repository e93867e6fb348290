import Foundation

/// Writes PNG files byte by byte, for any colour type and bit depth, with uncompressed (stored)
/// deflate blocks: the decoder tests make their inputs without libpng, the library under test.
enum RawPNG {
    enum ColorType: UInt8 {
        case gray = 0, rgb = 2, palette = 3, grayAlpha = 4, rgba = 6
        var samplesPerPixel: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][rawValue]! }
    }

    /// `samples`: row-major, `samplesPerPixel` values per pixel, each below `1 << bitDepth`
    /// (palette indices for `.palette`). `palette`: RGB triples; `transparency`: the tRNS chunk.
    static func make(width: Int, height: Int, colorType: ColorType, bitDepth: Int, samples: [Int],
                     palette: [[UInt8]] = [], transparency: [UInt8]? = nil) -> Data {
        precondition(samples.count == width * height * colorType.samplesPerPixel, "sample count")
        var raw: [UInt8] = []
        let rowSamples = width * colorType.samplesPerPixel
        for y in 0..<height {
            raw.append(0)  // filter type None
            let row = samples[y * rowSamples ..< (y + 1) * rowSamples]
            if bitDepth >= 8 {
                for s in row {
                    if bitDepth == 16 { raw.append(UInt8(s >> 8)) }
                    raw.append(UInt8(s & 0xFF))
                }
            } else {
                var byte = 0, used = 0
                for s in row {
                    byte = byte << bitDepth | s; used += bitDepth
                    if used == 8 { raw.append(UInt8(byte)); byte = 0; used = 0 }
                }
                if used > 0 { raw.append(UInt8(byte << (8 - used))) }
            }
        }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = bigEndian(width) + bigEndian(height)
        header += [UInt8(bitDepth), colorType.rawValue, 0, 0, 0]
        png += chunk("IHDR", header)
        if !palette.isEmpty { png += chunk("PLTE", palette.flatMap { $0 }) }
        if let transparency { png += chunk("tRNS", transparency) }
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    /// Only the IHDR: a file that declares a size and holds no pixels.
    static func headerOnly(width: Int, height: Int) -> Data {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png += chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0])
        return png
    }

    private static func bigEndian(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (24 - 8 * $0)) & 0xFF) } }

    private static func chunk(_ type: String, _ body: [UInt8]) -> Data {
        let typed = Array(type.utf8) + body
        return Data(bigEndian(body.count) + typed + bigEndian(Int(crc32(typed))))
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset ..< offset + n]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + bigEndian(Int(b << 16 | a))
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
