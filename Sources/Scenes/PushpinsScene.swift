import Foundation
import Annotations
import Randomness

/// A box of 3 x 5 compartments with separator walls, one yellow pushpin lying in each.
enum PushpinsScene {
    typealias Rect = (x0: Double, y0: Double, x1: Double, y1: Double)

    /// Pins per compartment of a scene with varied counts, as picks from this table: 0 to 3,
    /// one in about half of the compartments, so no compartment's count can be guessed.
    static let variedPinCounts = [0, 0, 1, 1, 1, 1, 2, 2, 3]

    /// Draws the box with the pins of `defects`, or, when `varied`, a pin count per
    /// compartment drawn from `variedPinCounts` and a missing wall in a quarter of the boxes.
    static func draw(_ defects: Set<String>, varied: Bool = false, in s: SceneContext, using g: inout SeededGenerator) {
        let w = s.w, h = s.h, k = w / 256
        Backdrop.draw(s, base: Colour(0.74, 0.74, 0.72), speckSpread: 0.15, specks: 220, using: &g)

        let jx = g.uniform(-0.008, 0.008) * w, jy = g.uniform(-0.012, 0.012) * h
        let box = (x0: 0.03 * w + jx, y0: 0.05 * h + jy, x1: 0.97 * w + jx, y1: 0.95 * h + jy)
        let frame = 0.014 * w, wall = 0.013 * w
        let plastic = Colour(0.26, 0.27, 0.29).jittered(0.04, brightness: 0.1, using: &g)
        s.canvas.fill(Shape.rect(x0: box.x0 + 2 * k, y0: box.y0 + 3 * k, x1: box.x1 + 2 * k, y1: box.y1 + 3 * k), Colour(0, 0, 0), alpha: 0.3)
        s.canvas.fill(Shape.rect(x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1), plastic.scaled(1.6))
        let inner = (x0: box.x0 + frame, y0: box.y0 + frame, x1: box.x1 - frame, y1: box.y1 - frame)
        let floorOutline = Shape.rect(x0: inner.x0, y0: inner.y0, x1: inner.x1, y1: inner.y1)
        s.canvas.fill(floorOutline, plastic)
        s.canvas.speckle(floorOutline, count: 120, base: plastic, spread: 0.25, size: (0.5 * k)...(1.5 * k), alpha: 0.5, using: &g)

        let cw = (inner.x1 - inner.x0 - 4 * wall) / 5, ch = (inner.y1 - inner.y0 - 2 * wall) / 3
        func cell(_ r: Int, _ c: Int) -> Rect {
            let x0 = inner.x0 + Double(c) * (cw + wall), y0 = inner.y0 + Double(r) * (ch + wall)
            return (x0, y0, x0 + cw, y0 + ch)
        }
        for r in 0..<3 {
            for c in 0..<5 {
                let q = cell(r, c)
                s.addPart("compartment", outline: Shape.rect(x0: q.x0, y0: q.y0, x1: q.x1, y1: q.y1),
                          attributes: ["row": .number(Double(r)), "col": .number(Double(c))])
            }
        }

        // Separators: every wall between two neighbouring compartments, one of them possibly absent.
        var walls: [(outline: [Point], orientation: String, r: Int, c: Int)] = []
        for r in 0..<3 { for c in 0..<4 {
            let q = cell(r, c)
            walls.append((Shape.rect(x0: q.x1, y0: q.y0, x1: q.x1 + wall, y1: q.y1), "vertical", r, c))
        } }
        for r in 0..<2 { for c in 0..<5 {
            let q = cell(r, c)
            walls.append((Shape.rect(x0: q.x0, y0: q.y1, x1: q.x1, y1: q.y1 + wall), "horizontal", r, c))
        } }
        let wallMissing = varied ? g.uniform(0, 1) < 0.25 : defects.contains("missing_separator")
        let missingWall = wallMissing ? Int(g.next() % UInt64(walls.count)) : -1
        let wallColour = plastic.scaled(2.4)
        // The missing wall keeps its place as a separator that is not there (`present` false), so
        // that the grounding says where the gap is.
        for (i, wl) in walls.enumerated() {
            let present = i != missingWall
            if present {
                s.canvas.fill(wl.outline, wallColour)
                s.canvas.stroke([wl.outline[0], wl.outline[1]], width: 0.6 * k, wallColour.scaled(1.2), alpha: 0.7)
            } else {
                s.addRegion("missing_separator", [wl.outline])
            }
            s.addPart("separator", outline: wl.outline,
                      attributes: ["orientation": .string(wl.orientation), "row": .number(Double(wl.r)), "col": .number(Double(wl.c)),
                                   "present": .bool(present)])
        }
        // Posts where walls cross stay even when a wall is missing.
        for r in 0..<2 { for c in 0..<4 {
            let q = cell(r, c)
            s.canvas.fill(Shape.rect(x0: q.x1, y0: q.y1, x1: q.x1 + wall, y1: q.y1 + wall), wallColour)
        } }

        // Pins per compartment: one each, changed as the defect case says.
        var counts = Array(repeating: 1, count: 15)
        var extra: [Int] = [], empty: [Int] = []
        let moved = defects.contains("1_additional_pushpin") && defects.contains("missing_pushpin")
        if varied {
            counts = (0..<15).map { _ in g.pick(variedPinCounts) }
            extra = counts.indices.filter { counts[$0] >= 2 }
            empty = counts.indices.filter { counts[$0] == 0 }
        } else if moved {
            let from = Int(g.next() % 15), (r, c) = (from / 5, from % 5)
            let neighbours = [(r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)].filter { (0..<3).contains($0.0) && (0..<5).contains($0.1) }
            let to = g.pick(neighbours)
            counts[from] = 0; counts[to.0 * 5 + to.1] = 2; empty = [from]; extra = [to.0 * 5 + to.1]
        } else {
            let order = shuffled(Array(0..<15), using: &g)
            if defects.contains("1_additional_pushpin") { extra = [order[0]] }
            if defects.contains("2_additional_pushpins") { extra = [order[0], order[1]] }
            if defects.contains("missing_pushpin") { empty = [order[2]] }
            for i in extra { counts[i] = 2 }
            for i in empty { counts[i] = 0 }
        }
        let pinColour = Colour(0.97, 0.82, 0.12).jittered(0.04, brightness: 0.06, using: &g)
        let length = 0.5 * min(cw, ch)
        let extraPins = counts.reduce(0) { $0 + max($1 - 1, 0) }
        let extraType = extraPins >= 2 ? "2_additional_pushpins" : "1_additional_pushpin"
        for i in 0..<15 {
            let q = cell(i / 5, i % 5)
            if counts[i] == 0 {
                s.addRegion("missing_pushpin", [Shape.rect(x0: q.x0, y0: q.y0, x1: q.x1, y1: q.y1)])
                continue
            }
            var centres: [Point] = []
            for n in 0..<counts[i] {
                let pin = placePin(in: q, length: length, avoiding: centres, using: &g)
                centres.append(pin.centre)
                let outline = drawPin(pin.centre, angle: pin.angle, length: length, colour: pinColour.jittered(0.03, using: &g), s)
                s.addPart("pushpin", outline: outline)
                if n >= 1 && extra.contains(i) {
                    s.addRegion(extraType, [Shape.rect(pin.centre, w: length * 1.1, h: length * 0.5, angle: pin.angle)])
                }
            }
        }
    }

    /// A pin pose fully inside the compartment, apart from the pins already there.
    static func placePin(in q: Rect, length: Double, avoiding others: [Point], using g: inout SeededGenerator) -> (centre: Point, angle: Double) {
        var best = (centre: Point((q.x0 + q.x1) / 2, (q.y0 + q.y1) / 2), angle: 0.0), bestGap = -Double.infinity
        for _ in 0..<60 {
            let angle = g.uniform(0, 2 * Double.pi)
            let ex = abs(cos(angle)) * length / 2 + 0.2 * length, ey = abs(sin(angle)) * length / 2 + 0.2 * length
            guard q.x1 - q.x0 > 2 * ex, q.y1 - q.y0 > 2 * ey else { continue }
            let p = Point(g.uniform(q.x0 + ex, q.x1 - ex), g.uniform(q.y0 + ey, q.y1 - ey))
            let gap = others.map { ($0 - p).length - 0.6 * length }.min() ?? 1
            if gap > bestGap { best = (p, angle); bestGap = gap }
            if gap >= 0 { break }
        }
        return best
    }

    /// A pushpin lying on its side, seen from above: needle, grip and head. Returns its outline.
    static func drawPin(_ c: Point, angle: Double, length L: Double, colour: Colour, _ s: SceneContext) -> [Point] {
        let d = Point(cos(angle), sin(angle))
        let tip = c - d * (0.5 * L), needleEnd = c - d * (0.15 * L), head = c + d * (0.38 * L)
        let grip = Shape.rect(c + d * (0.1 * L), w: 0.5 * L, h: 0.2 * L, angle: angle)
        let headDisk = Shape.rect(head, w: 0.16 * L, h: 0.46 * L, angle: angle)
        let shadow = Point(0.05 * L, 0.07 * L)
        s.canvas.fill(grip.map { $0 + shadow }, Colour(0, 0, 0), alpha: 0.35)
        s.canvas.fill(headDisk.map { $0 + shadow }, Colour(0, 0, 0), alpha: 0.35)
        s.canvas.stroke([tip, needleEnd], width: 0.06 * L, Colour(0.78, 0.78, 0.8))
        s.canvas.fillLinear(grip, from: c + Point(-d.y, d.x) * (0.1 * L), to: c - Point(-d.y, d.x) * (0.1 * L),
                            [(0, colour.scaled(0.7), 1), (0.5, colour.scaled(1.1), 1), (1, colour.scaled(0.75), 1)])
        s.canvas.fill(headDisk, colour.scaled(0.9))
        s.canvas.stroke([headDisk[0], headDisk[3]], width: 0.04 * L, colour.scaled(1.15), alpha: 0.8)
        let needle = Shape.rect((tip + needleEnd) * 0.5, w: 0.35 * L, h: 0.06 * L, angle: angle)
        return needle + grip + headDisk
    }
}

/// A Fisher-Yates shuffle driven by the scene's generator (deterministic).
func shuffled<T>(_ items: [T], using g: inout SeededGenerator) -> [T] {
    var a = items
    for i in stride(from: a.count - 1, to: 0, by: -1) {
        let j = Int(g.next() % UInt64(i + 1))
        a.swapAt(i, j)
    }
    return a
}
