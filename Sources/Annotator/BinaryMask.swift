import Imaging

/// A per-pixel yes/no map of an image with a summed-area table, so that the count of set pixels
/// in any rectangle costs four look-ups (the label search evaluates millions of rectangles).
struct BinaryMask {
    let width: Int
    let height: Int
    /// `(width + 1) * (height + 1)` prefix sums; entry (x, y) counts set pixels above and left of it.
    private let sums: [Int32]
    private let bits: [Bool]

    init(_ image: RGBImage, where predicate: (UInt8, UInt8, UInt8) -> Bool) {
        precondition(image.channels == 3, "a mask needs an RGB image, got \(image.channels) channel(s)")
        var bits = [Bool](repeating: false, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { p in
            for i in bits.indices { bits[i] = predicate(p[3 * i], p[3 * i + 1], p[3 * i + 2]) }
        }
        self.init(width: image.width, height: image.height, bits: bits)
    }

    init(width w: Int, height h: Int, bits: [Bool]) {
        precondition(bits.count == w * h, "mask of \(w)x\(h) needs \(w * h) values, got \(bits.count)")
        var sums = [Int32](repeating: 0, count: (w + 1) * (h + 1))
        for y in 0..<h {
            var rowCount: Int32 = 0
            for x in 0..<w {
                if bits[y * w + x] { rowCount += 1 }
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + rowCount
            }
        }
        width = w; height = h; self.bits = bits; self.sums = sums
    }

    /// Morphological closing with a square of side `2 * radius + 1`: fills gaps narrower than
    /// the square (printed text and icon outlines on a label) without growing the label.
    func closed(radius r: Int) -> BinaryMask {
        // Dilation: any set pixel in the square; erosion of that: the whole square set.
        var dilated = [Bool](repeating: false, count: width * height)
        for y in 0..<height { for x in 0..<width {
            dilated[y * width + x] = count(x0: x - r, y0: y - r, x1: x + r + 1, y1: y + r + 1) > 0
        } }
        let grown = BinaryMask(width: width, height: height, bits: dilated)
        var closed = [Bool](repeating: false, count: width * height)
        for y in 0..<height { for x in 0..<width {
            let x0 = max(0, x - r), y0 = max(0, y - r), x1 = min(width, x + r + 1), y1 = min(height, y + r + 1)
            closed[y * width + x] = grown.count(x0: x0, y0: y0, x1: x1, y1: y1) == (x1 - x0) * (y1 - y0)
        } }
        return BinaryMask(width: width, height: height, bits: closed)
    }

    subscript(x: Int, y: Int) -> Bool { bits[y * width + x] }

    /// Set pixels in columns `x0..<x1`, rows `y0..<y1`, clipped to the image.
    func count(x0: Int, y0: Int, x1: Int, y1: Int) -> Int {
        let a = max(0, min(width, x0)), b = max(0, min(height, y0))
        let c = max(a, min(width, x1)), d = max(b, min(height, y1))
        let w = width + 1
        return Int(sums[d * w + c] - sums[b * w + c] - sums[d * w + a] + sums[b * w + a])
    }

    /// Set pixels in row `y` between columns `x0..<x1`.
    func rowCount(_ y: Int, x0: Int = 0, x1: Int = .max) -> Int { count(x0: x0, y0: y, x1: x1, y1: y + 1) }
}
