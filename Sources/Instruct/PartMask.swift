import Imaging
import Annotations

/// The pixels of a part: inside its polygon (even-odd rule at pixel centres) when it has one,
/// else inside its box; clipped to the image.
struct PartMask {
    let width: Int
    let height: Int
    /// Pixel indices y * width + x, row by row.
    let pixels: [Int]

    init(_ part: Part, width: Int, height: Int, excluding: Set<Int> = []) {
        self.width = width; self.height = height
        let b = part.box
        let x0 = max(0, Int(b.x0.rounded(.down))), x1 = min(width - 1, Int(b.x1.rounded(.up)))
        let y0 = max(0, Int(b.y0.rounded(.down))), y1 = min(height - 1, Int(b.y1.rounded(.up)))
        var out: [Int] = []
        guard x0 <= x1, y0 <= y1 else { pixels = []; return }
        let polygon = (part.polygon ?? []).filter { $0.count >= 2 }
        for y in y0...y1 {
            for x in x0...x1 {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                let inside = polygon.count >= 3 ? PartMask.contains(polygon, px, py) : b.contains(x: px, y: py)
                if inside && !excluding.contains(y * width + x) { out.append(y * width + x) }
            }
        }
        pixels = out
    }

    static func contains(_ poly: [[Double]], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        var j = poly.count - 1
        for i in 0..<poly.count {
            let (xi, yi, xj, yj) = (poly[i][0], poly[i][1], poly[j][0], poly[j][1])
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { inside.toggle() }
            j = i
        }
        return inside
    }

    /// The mean colour of the masked pixels (per channel), nil for an empty mask.
    func mean(in image: RGBImage) -> [Double]? {
        guard !pixels.isEmpty else { return nil }
        var sum = [Double](repeating: 0, count: image.channels)
        for p in pixels { for c in 0..<image.channels { sum[c] += Double(image.pixels[p * image.channels + c]) } }
        return sum.map { $0 / Double(pixels.count) }
    }
}
