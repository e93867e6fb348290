import Imaging

/// Finds the fruit icon inside the top label: the pixels that differ strongly from the paper of
/// their row (the icon never covers half a row, so the row median is paper), and its fruit from
/// the dominant icon colour: red = cherry, orange = orange, yellow = banana.
struct IconFinder {
    struct Icon {
        var rect: PixelRect
        var fruit: String
    }

    /// The label's printed frame runs this far in from its edge; the icon is looked for inside.
    static let frameInset = 0.13
    /// A pixel this far (sum of channel differences) from its row's paper is icon.
    static let paperDistance = 90
    /// Icon pixels, as a fraction of the searched area: above `present` an icon, below
    /// `absent` a blank label, between too few to tell.
    static let present = 0.05, absent = 0.02
    /// The winning colour must hold this share of the coloured icon pixels.
    static let minimumShare = 0.5

    static func find(in image: RGBImage, label: PixelRect) -> Result<Icon?, Refusal> {
        let area = label.inset(fx: frameInset, fy: frameInset)
        guard area.width > 4, area.height > 4 else { return .failure(.uncertainIcon("top label too small to search")) }
        var isIcon = [Bool](repeating: false, count: area.area)
        for y in area.y0..<area.y1 {
            let paper = paperColour(ofRow: y, columns: label.x0..<label.x1, in: image)
            for x in area.x0..<area.x1 {
                let d = (0..<3).reduce(0) { $0 + abs(Int(image[x, y, $1]) - paper[$1]) }
                isIcon[(y - area.y0) * area.width + (x - area.x0)] = d > paperDistance
            }
        }
        let kept = solidComponents(isIcon, width: area.width, height: area.height)
            .map { ($0 % area.width + area.x0, $0 / area.width + area.y0) }
        let fraction = Double(kept.count) / Double(area.area)
        if fraction < absent { return .success(nil) }
        if fraction < present {
            return .failure(.uncertainIcon("icon-like pixels cover \(Int(fraction * 100))% of the label, too few to tell"))
        }
        let rect = PixelRect(x0: kept.map(\.0).min()!, y0: kept.map(\.1).min()!,
                             x1: kept.map(\.0).max()! + 1, y1: kept.map(\.1).max()! + 1)

        var votes: [String: Int] = [:]
        for (x, y) in kept {
            if let fruit = fruit(r: Double(image[x, y, 0]), g: Double(image[x, y, 1]), b: Double(image[x, y, 2])) {
                votes[fruit, default: 0] += 1
            }
        }
        let total = votes.values.reduce(0, +)
        guard total > 0, let (fruit, n) = votes.max(by: { $0.value < $1.value }) else {
            return .failure(.uncertainIcon("no fruit colour among the icon pixels"))
        }
        let share = Double(n) / Double(total)
        guard share >= minimumShare else {
            return .failure(.uncertainIcon("no fruit colour dominates the icon (\(fruit) has \(Int(share * 100))%)"))
        }
        return .success(Icon(rect: rect, fruit: fruit))
    }

    /// The paper of a label row: the per-channel median over the label's width.
    static func paperColour(ofRow y: Int, columns: Range<Int>, in image: RGBImage) -> [Int] {
        (0..<3).map { c in
            let values = columns.map { Int(image[$0, y, c]) }.sorted()
            return values[values.count / 2]
        }
    }

    /// The pixels of the connected parts (8-neighbours) of `mask` that hold a solid 3 x 3 block:
    /// the fruit, with its thin stems and outlines attached, but not the label's printed frame
    /// line or paper grain, which are never three pixels thick. Indices are `y * width + x`.
    static func solidComponents(_ mask: [Bool], width: Int, height: Int) -> [Int] {
        func solid(_ x: Int, _ y: Int) -> Bool {
            guard x > 0, y > 0, x < width - 1, y < height - 1 else { return false }
            for dy in -1...1 { for dx in -1...1 where !mask[(y + dy) * width + x + dx] { return false } }
            return true
        }
        var seen = [Bool](repeating: false, count: mask.count)
        var kept: [Int] = []
        for start in mask.indices where mask[start] && !seen[start] {
            var component: [Int] = [start], stack = [start], hasCore = false
            seen[start] = true
            while let i = stack.popLast() {
                let x = i % width, y = i / width
                if !hasCore && solid(x, y) { hasCore = true }
                for dy in -1...1 { for dx in -1...1 {
                    let u = x + dx, v = y + dy
                    guard u >= 0, v >= 0, u < width, v < height else { continue }
                    let j = v * width + u
                    if mask[j] && !seen[j] { seen[j] = true; stack.append(j); component.append(j) }
                } }
            }
            if hasCore { kept += component }
        }
        return kept
    }

    /// The fruit whose colour a single icon pixel shows, nil for outlines, leaves and paper.
    static func fruit(r: Double, g: Double, b: Double) -> String? {
        guard r > 120 else { return nil }
        if g < 0.45 * r && b < 0.6 * r { return "cherry" }
        if g < 0.8 * r && b < 0.45 * r { return "orange" }
        if g >= 0.85 * r && b < 0.55 * r { return "banana" }
        return nil
    }
}
