import Foundation
import Imaging

/// Finds the juice: its colour from the median of the lower body (outside the labels), and its
/// surface from the row profile of juice-coloured pixels down the middle of the neck and body.
struct LiquidFinder {
    struct Liquid {
        /// `yellow`, `red` or `white` (docs/annotations.md).
        var colour: String
        /// Row of the liquid surface.
        var surface: Int
    }

    /// Juice has a channel brighter than this in the lower body (dark cherry juice about 75);
    /// clear glass on black is far darker (about 12).
    static let presentLevel = 40.0
    /// Red juice: red at least this many times green. Cherry is about 2.5, orange 1.2.
    static let redRatio = 1.7
    /// White juice: blue at least this fraction of red. Banana is about 0.7, orange 0.35.
    static let whiteBlueRatio = 0.55
    /// Clear glass in the neck stays below this luma; juice in the neck is brighter.
    static let surfaceLuma = 45.0
    /// Ratios this close (relative) to a boundary are too close to call.
    static let ratioMargin = 0.12

    /// The liquid, nil for an empty bottle, or why it cannot be told.
    static func find(in image: RGBImage, bottle: PixelRect, labels: [PixelRect]) -> Result<Liquid?, Refusal> {
        let bw = Double(bottle.width), bh = Double(bottle.height)
        func covered(_ x: Int, _ y: Int) -> Bool {
            labels.contains { x >= $0.x0 - 2 && x < $0.x1 + 2 && y >= $0.y0 - 2 && y < $0.y1 + 2 }
        }
        // Colour: lower body, inner half of the width, outside the labels.
        var rs: [Double] = [], gs: [Double] = [], bs: [Double] = []
        let xs = (bottle.x0 + Int(0.25 * bw))..<(bottle.x0 + Int(0.75 * bw))
        for y in (bottle.y0 + Int(0.6 * bh))..<(bottle.y0 + Int(0.95 * bh)) {
            for x in xs where !covered(x, y) {
                rs.append(Double(image[x, y, 0])); gs.append(Double(image[x, y, 1])); bs.append(Double(image[x, y, 2]))
            }
        }
        guard rs.count >= 50 else {
            return .failure(.uncertainLiquid("only \(rs.count) body pixels outside the labels"))
        }
        let m = (median(rs), median(gs), median(bs))
        guard max(m.0, m.1, m.2) > presentLevel else { return .success(nil) }

        let redness = m.0 / max(1, m.1), blueness = m.2 / max(1, m.0)
        if abs(redness / redRatio - 1) < ratioMargin {
            return .failure(.uncertainLiquid("red/green \(fmt(redness)) is near the red boundary \(redRatio)"))
        }
        let colour: String
        if redness >= redRatio {
            colour = "red"
        } else {
            if abs(blueness / whiteBlueRatio - 1) < ratioMargin {
                return .failure(.uncertainLiquid("blue/red \(fmt(blueness)) is near the white boundary \(whiteBlueRatio)"))
            }
            colour = blueness >= whiteBlueRatio ? "white" : "yellow"
        }

        // Surface: rows down the middle fifth, where the neck shows juice or clear glass.
        let strip = (bottle.x0 + Int(0.4 * bw))..<(bottle.x0 + Int(0.6 * bw))
        // Juice, even dark cherry juice, is at least twice as bright as the empty neck (luma
        // about 30 on black): a pixel brighter than half the body's juice, and than the glass, is juice.
        let threshold = max(surfaceLuma, 0.5 * PixelTests.luma(m.0, m.1, m.2))
        // Dark red juice is told from the neutral glass threads by its colour as well.
        func isJuice(_ x: Int, _ y: Int) -> Bool {
            let r = Double(image[x, y, 0]), g = Double(image[x, y, 1]), b = Double(image[x, y, 2])
            return PixelTests.luma(r, g, b) > threshold && (colour != "red" || r > 1.3 * g)
        }
        // nil marks rows hidden by a label.
        let first = bottle.y0 + Int(0.05 * bh), last = bottle.y1 - Int(0.05 * bh)
        let rows: [Bool?] = (first..<last).map { y in
            if strip.contains(where: { covered($0, y) }) { return nil }
            let n = strip.filter { isJuice($0, y) }.count
            return 2 * n >= strip.count
        }
        let run = 8, needed = 6
        for i in rows.indices where rows[i] == true {
            let next = rows[i...].compactMap { $0 }.prefix(run)
            guard next.filter({ $0 }).count >= needed else { continue }
            // Juice first seen just below a label, with clear glass above it: the surface is
            // behind that label (the one covering the row above), placed at its middle.
            let above = first + i - 1
            if i > 0, rows[i - 1] == nil, rows[..<i].last(where: { $0 != nil }) == false,
               let label = labels.first(where: { $0.y0 - 2 <= above && above < $0.y1 + 2 }) {
                return .success(Liquid(colour: colour, surface: (label.y0 + label.y1) / 2))
            }
            return .success(Liquid(colour: colour, surface: first + i))
        }
        return .failure(.uncertainLiquid("juice-coloured body but no surface in the middle of the neck"))
    }

    static func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
    static func fmt(_ v: Double) -> String { String(format: "%.2f", v) }
}
