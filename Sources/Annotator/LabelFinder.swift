/// Finds a paper label as the rectangle of its shape class (square top label, wide bottom label)
/// that is most uniformly covered by paper pixels while its surrounding ring is not.
struct LabelFinder {
    /// Sizes as fractions of the bottle body width.
    struct Shape {
        var widths: ClosedRange<Double>
        var heights: ClosedRange<Double>

        /// The top label is a square about 0.7 body widths on a side.
        static let top = Shape(widths: 0.58...0.82, heights: 0.58...0.82)
        /// The bottom label is as wide as the top label and about a third as tall as wide.
        static let bottom = Shape(widths: 0.58...0.82, heights: 0.24...0.42)
    }

    struct Candidate {
        var rect: PixelRect
        /// Paper density of the emptiest outer quarter of the rectangle minus that of the ring
        /// around it: near 1 for a label, near 0 where there is none.
        var score: Double
    }

    /// The width of the ring around a candidate that must not be paper.
    static let ring = 3
    /// Labels can hang off the glass: search this many body widths beside the bottle, and
    /// this many bottle heights above and below it.
    static let sideReach = 0.45, endReach = 0.06

    /// The best candidate of `shape` over the bottle, not overlapping `excluding`.
    static func best(_ shape: Shape, paper: BinaryMask, bottle: PixelRect, excluding: PixelRect? = nil) -> Candidate? {
        let bw = Double(bottle.width)
        let ws = sizes(shape.widths, bw), hs = sizes(shape.heights, bw)
        let reach = Int(sideReach * bw)
        let xLo = max(0, bottle.x0 - reach), xHi = min(paper.width, bottle.x1 + reach)
        let yReach = Int(endReach * Double(bottle.height))
        let yLo = max(0, bottle.y0 - yReach), yHi = min(paper.height, bottle.y1 + yReach)
        // Coarse: every second size and position; fine: every size and position near the best.
        var best: Candidate? = nil
        func consider(_ r: PixelRect) {
            guard r.x0 >= xLo, r.x1 <= xHi, r.y0 >= yLo, r.y1 <= yHi else { return }
            if let e = excluding, r.overlaps(e) { return }
            let s = score(r, paper)
            if s > (best?.score ?? -1) { best = Candidate(rect: r, score: s) }
        }
        for w in stride(from: ws.lowerBound, through: ws.upperBound, by: 2) {
            for h in stride(from: hs.lowerBound, through: hs.upperBound, by: 2) {
                for y in stride(from: yLo, through: yHi - h, by: 2) {
                    for x in stride(from: xLo, through: xHi - w, by: 2) {
                        consider(PixelRect(x0: x, y0: y, x1: x + w, y1: y + h))
                    }
                }
            }
        }
        guard let coarse = best?.rect else { return nil }
        for w in max(ws.lowerBound, coarse.width - 2)...min(ws.upperBound, coarse.width + 2) {
            for h in max(hs.lowerBound, coarse.height - 2)...min(hs.upperBound, coarse.height + 2) {
                for y in (coarse.y0 - 2)...(coarse.y0 + 2) {
                    for x in (coarse.x0 - 2)...(coarse.x0 + 2) {
                        consider(PixelRect(x0: x, y0: y, x1: x + w, y1: y + h))
                    }
                }
            }
        }
        return best
    }

    /// The sizes in pixels covering `range` times `scale`.
    static func sizes(_ range: ClosedRange<Double>, _ scale: Double) -> ClosedRange<Int> {
        let lo = Int((range.lowerBound * scale).rounded(.down)), hi = Int((range.upperBound * scale).rounded(.up))
        return lo...max(lo, hi)
    }

    static func score(_ r: PixelRect, _ paper: BinaryMask) -> Double {
        // A quick bound first: the whole rectangle must be at least half paper.
        let inside = paper.count(x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1)
        guard 2 * inside >= r.area else { return -1 }
        // The outer quarter on each side: paper all round for a label (the icon and the text
        // stay inside the printed frame), empty on some side for a rectangle that only
        // overlaps a label or a label of the other shape.
        let qx = max(1, r.width / 4), qy = max(1, r.height / 4)
        func density(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> Double {
            Double(paper.count(x0: x0, y0: y0, x1: x1, y1: y1)) / Double((x1 - x0) * (y1 - y0))
        }
        let sides = [
            density(r.x0, r.y0, r.x1, r.y0 + qy), density(r.x0, r.y1 - qy, r.x1, r.y1),
            density(r.x0, r.y0, r.x0 + qx, r.y1), density(r.x1 - qx, r.y0, r.x1, r.y1),
        ]
        let ox0 = max(0, r.x0 - ring), oy0 = max(0, r.y0 - ring)
        let ox1 = min(paper.width, r.x1 + ring), oy1 = min(paper.height, r.y1 + ring)
        let outerArea = (ox1 - ox0) * (oy1 - oy0) - r.area
        let ringDensity = outerArea > 0
            ? Double(paper.count(x0: ox0, y0: oy0, x1: ox1, y1: oy1) - inside) / Double(outerArea) : 0
        return sides.min()! - ringDensity
    }
}
