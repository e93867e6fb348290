/// Finds the bottle: the lit region on the black background. Its box spans the glass from the
/// top of the neck to the bottom of the base, and the width of the body (not of labels that
/// stick out past the glass), as docs/annotations.md defines the `bottle` part.
struct BottleFinder {
    /// Rows with at least this many lit pixels belong to the bottle's neck or body.
    static let minimumNeckPixels = 20
    /// A row of the base lights at least this fraction of the body width; the reflection on
    /// the table below it, and the rounded foot, light less.
    static let baseFraction = 0.8

    /// The bottle box, or why there is none.
    static func find(in lit: BinaryMask) -> Result<PixelRect, Refusal> {
        let w = lit.width, h = lit.height
        // Top: the first run of three rows that are all lit enough (the neck rim).
        guard let top = (0..<(h - 2)).first(where: { y in
            (y..<(y + 3)).allSatisfy { lit.rowCount($0) >= minimumNeckPixels }
        }) else { return .failure(.noBottle("no lit rows on the black background")) }

        // Body edges over the middle of the body, where only the glass and labels are lit.
        // Labels can stick out past the glass but never narrow it: take the narrow side of the
        // spread of row extents (the 80th percentile of left edges, the 20th of right edges).
        var lefts: [Int] = [], rights: [Int] = []
        let bodyRows = (top + Int(0.42 * Double(h)))..<min(h, top + Int(0.75 * Double(h)))
        for y in bodyRows where lit.rowCount(y) >= 5 {
            if let l = (0..<w).first(where: { lit[$0, y] }), let r = (0..<w).last(where: { lit[$0, y] }) {
                lefts.append(l); rights.append(r + 1)
            }
        }
        guard lefts.count >= bodyRows.count / 3 else {
            return .failure(.noBottle("the body is lit in only \(lefts.count) of \(bodyRows.count) rows"))
        }
        let x0 = quantile(lefts, 0.8), x1 = quantile(rights, 0.2)
        guard x1 - x0 >= w / 5 else { return .failure(.noBottle("the body is only \(x1 - x0) px wide")) }

        // Bottom: from the image bottom up, the first row whose lit width inside the body
        // reaches the base fraction.
        let needed = Int(baseFraction * Double(x1 - x0))
        guard let last = stride(from: h - 1, to: top, by: -1).first(where: { lit.rowCount($0, x0: x0, x1: x1) >= needed }) else {
            return .failure(.noBottle("no row of the base spans the body"))
        }
        return .success(PixelRect(x0: x0, y0: top, x1: x1, y1: last + 1))
    }

    /// The value at fraction `q` of the sorted values (nearest rank).
    static func quantile(_ values: [Int], _ q: Double) -> Int {
        let s = values.sorted()
        return s[min(s.count - 1, max(0, Int((q * Double(s.count - 1)).rounded())))]
    }
}
