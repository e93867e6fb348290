import Foundation
import Annotations
import Randomness

/// Screws, nuts and washers loose in a transparent plastic bag on a light table.
enum ScrewBagScene {
    enum Kind { case screw(lengthMM: Double), nut, washer }

    /// One item: what it is, its pose, whether it is drawn (absent items still get a place:
    /// their defect region), and the defect type whose region it marks, if any.
    struct Item {
        var kind: Kind
        var present = true
        var regionType: String?
        var centre = Point(0, 0)
        var angle = 0.0
    }

    /// Draws the bag with the items of `defects`, or, when `varied`, the items of
    /// `variedPlan`.
    static func draw(_ defects: Set<String>, varied: Bool = false, in s: SceneContext, using g: inout SeededGenerator) {
        let w = s.w, h = s.h, k = w / 256
        Backdrop.draw(s, base: Colour(0.83, 0.83, 0.81), speckSpread: 0.06, specks: 220, using: &g)
        let mm = 2.3 * k * g.uniform(0.98, 1.02)

        // The bag: tinted film, an edge and a sealed seam at the top.
        let jx = g.uniform(-0.01, 0.01) * w, jy = g.uniform(-0.01, 0.01) * h
        let bag = Shape.rect(x0: 0.035 * w + jx, y0: 0.05 * h + jy, x1: 0.965 * w + jx, y1: 0.95 * h + jy)
        s.canvas.fill(bag, Colour(0.93, 0.94, 0.97), alpha: 0.45)
        s.canvas.stroke(bag, width: 1.5 * k, Colour(0.6, 0.62, 0.66), alpha: 0.6, closed: true)
        let seam = Shape.rect(x0: 0.035 * w + jx, y0: 0.05 * h + jy, x1: 0.965 * w + jx, y1: 0.11 * h + jy)
        s.canvas.fill(seam, Colour(0.75, 0.77, 0.82), alpha: 0.45)
        for i in 0..<60 {
            let x = 0.04 * w + jx + Double(i) * 0.92 * w / 60
            s.canvas.stroke([Point(x, 0.055 * h + jy), Point(x, 0.105 * h + jy)], width: 0.5 * k, Colour(0.55, 0.57, 0.6), alpha: 0.35)
        }

        let items = varied ? variedPlan(using: &g) : plan(defects, using: &g)
        let placed = place(items, area: (0.08 * w + jx, 0.17 * h + jy, 0.92 * w + jx, 0.9 * h + jy), mm: mm, using: &g)
        let steel = Colour(0.62, 0.63, 0.66).jittered(0.03, brightness: 0.08, using: &g)
        for item in placed {
            let outline = self.outline(item, mm: mm)
            if let type = item.regionType { s.addRegion(type, [outline]) }
            guard item.present else { continue }
            switch item.kind {
            case .screw(let length):
                drawScrew(item, length: length, mm: mm, steel: steel, s)
                s.addPart("screw", outline: outline, attributes: ["length_mm": measure(length)])
            case .nut:
                drawNut(item, mm: mm, steel: steel, s)
                s.addPart("nut", outline: outline)
            case .washer:
                drawWasher(item, mm: mm, steel: steel.scaled(1.1), s)
                s.addPart("washer", outline: outline)
            }
        }
        // Creases in the film over everything.
        for _ in 0..<5 {
            let a = Point(g.uniform(0.05, 0.95) * w, g.uniform(0.1, 0.9) * h)
            let b = a + Point(g.uniform(-0.25, 0.25) * w, g.uniform(-0.3, 0.3) * h)
            s.canvas.stroke(Shape.sag(from: a, to: b, sag: g.uniform(-8, 8) * k, count: 8), width: g.uniform(1, 2.5) * k,
                            Colour(1, 1, 1), alpha: 0.3)
        }
    }

    /// The items of the defect case. Lengths keep at least 1 mm inside their class.
    static func plan(_ d: Set<String>, using g: inout SeededGenerator) -> [Item] {
        func long() -> Item { Item(kind: .screw(lengthMM: g.uniform(32, 35))) }
        func short() -> Item { Item(kind: .screw(lengthMM: g.uniform(18, 22))) }
        func veryShort() -> Item { Item(kind: .screw(lengthMM: g.uniform(8, 12))) }
        var items: [Item] = []
        // The long-role screw.
        if d.contains("2_very_short_screws") {
            items.append(with(veryShort(), "2_very_short_screws"))
        } else if d.contains("screw_too_long") {
            items.append(Item(kind: .screw(lengthMM: g.uniform(41, 45)), regionType: "screw_too_long"))
        } else if d.contains("screw_too_short") {
            items.append(Item(kind: .screw(lengthMM: g.uniform(27, 28)), regionType: "screw_too_short"))
        } else {
            items.append(d.contains("1_missing_long_screw") ? with(long(), "1_missing_long_screw", present: false) : long())
        }
        // The short-role screw.
        if d.contains("2_very_short_screws") {
            items.append(with(veryShort(), "2_very_short_screws"))
        } else if d.contains("1_very_short_screw") {
            items.append(with(veryShort(), "1_very_short_screw"))
        } else {
            items.append(d.contains("1_missing_short_screw") ? with(short(), "1_missing_short_screw", present: false) : short())
        }
        if d.contains("1_additional_long_screw") { items.append(with(long(), "1_additional_long_screw")) }
        if d.contains("1_additional_short_screw") { items.append(with(short(), "1_additional_short_screw")) }
        for (kind, name) in [(Kind.nut, "nut"), (Kind.washer, "washer")] {
            var present = 2, extra = 0
            if d.contains("1_additional_\(name)") { extra = 1 }
            if d.contains("2_additional_\(name)s") { extra = 2 }
            if d.contains("1_missing_\(name)") { present = 1 }
            if d.contains("2_missing_\(name)s") { present = 0 }
            for i in 0..<2 {
                let missingType = present == 1 ? "1_missing_\(name)" : "2_missing_\(name)s"
                items.append(i < present ? Item(kind: kind) : Item(kind: kind, present: false, regionType: missingType))
            }
            let extraType = extra == 1 ? "1_additional_\(name)" : "2_additional_\(name)s"
            for _ in 0..<extra { items.append(Item(kind: kind, regionType: extraType)) }
        }
        return items
    }

    /// Items in numbers drawn independently, so that no count can be guessed from the usual bag:
    /// 0-2 long-role screws (each long, too short or too long), 0-2 short and 0-2 very short
    /// screws, 0-4 nuts and 0-4 washers. No defect regions: the oracle labels the scene.
    static func variedPlan(using g: inout SeededGenerator) -> [Item] {
        var items: [Item] = []
        for _ in 0..<g.pick([0, 1, 1, 1, 2]) {
            let length = g.pick([0, 0, 0, 1, 2])
            let mm = length == 0 ? g.uniform(32, 35) : length == 1 ? g.uniform(27, 28) : g.uniform(41, 45)
            items.append(Item(kind: .screw(lengthMM: mm)))
        }
        for _ in 0..<g.pick([0, 1, 1, 1, 2]) { items.append(Item(kind: .screw(lengthMM: g.uniform(18, 22)))) }
        for _ in 0..<g.pick([0, 0, 0, 1, 2]) { items.append(Item(kind: .screw(lengthMM: g.uniform(8, 12)))) }
        for kind in [Kind.nut, .washer] {
            for _ in 0..<g.pick([0, 1, 2, 2, 3, 4]) { items.append(Item(kind: kind)) }
        }
        return items
    }

    static func with(_ item: Item, _ type: String, present: Bool = true) -> Item {
        var i = item; i.regionType = type; i.present = present; return i
    }

    /// Circles that stand in for an item when keeping items apart.
    static func footprint(_ item: Item, mm: Double) -> [(Point, Double)] {
        switch item.kind {
        case .nut: return [(item.centre, 4.6 * mm)]
        case .washer: return [(item.centre, 6 * mm)]
        case .screw(let length):
            let total = length + 3.5, d = Point(cos(item.angle), sin(item.angle))
            let n = max(2, Int(total / 4))
            return (0...n).map { i -> (Point, Double) in
                let along: Double = (Double(i) / Double(n) - 0.5) * total * mm
                return (item.centre + d * along, 4 * mm)
            }
        }
    }

    /// Places items inside the area, touching or overlapping a little at most.
    static func place(_ items: [Item], area: (Double, Double, Double, Double), mm: Double, using g: inout SeededGenerator) -> [Item] {
        var placed: [Item] = []
        // Large items first: they are the hardest to fit.
        let order = items.indices.sorted { extent(items[$0], mm: mm) > extent(items[$1], mm: mm) }
        var result = items
        for i in order {
            var best = items[i], bestGap = -Double.infinity
            for _ in 0..<80 {
                var c = items[i]
                c.angle = g.uniform(0, 2 * Double.pi)
                let e = extent(c, mm: mm)
                let ex = max(abs(cos(c.angle)) * e, 6 * mm), ey = max(abs(sin(c.angle)) * e, 6 * mm)
                guard area.2 - area.0 > 2 * ex, area.3 - area.1 > 2 * ey else { continue }
                c.centre = Point(g.uniform(area.0 + ex, area.2 - ex), g.uniform(area.1 + ey, area.3 - ey))
                var gap = Double.infinity
                for p in placed {
                    for (a, ra) in footprint(c, mm: mm) {
                        for (b, rb) in footprint(p, mm: mm) { gap = min(gap, (a - b).length - 0.85 * (ra + rb)) }
                    }
                }
                if gap > bestGap { best = c; bestGap = gap }
                if gap >= 0 { break }
            }
            placed.append(best)
            result[i] = best
        }
        return result
    }

    /// Half the item's largest extent, in pixels.
    static func extent(_ item: Item, mm: Double) -> Double {
        switch item.kind {
        case .nut: return 4.6 * mm
        case .washer: return 6 * mm
        case .screw(let length): return (length + 3.5) / 2 * mm
        }
    }

    /// The item's visible outline in scene pixels.
    static func outline(_ item: Item, mm: Double) -> [Point] {
        switch item.kind {
        case .nut: return Shape.regular(item.centre, sides: 6, r: 4.6 * mm, angle: item.angle)
        case .washer: return Shape.ellipse(item.centre, rx: 6 * mm, ry: 6 * mm, count: 20)
        case .screw(let length):
            let d = Point(cos(item.angle), sin(item.angle)), total = length + 3.5
            let headCentre = item.centre - d * ((total / 2 - 1.75) * mm)
            let shankCentre = item.centre + d * (1.75 * mm)
            return Shape.rect(headCentre, w: 3.5 * mm, h: 8.5 * mm, angle: item.angle)
                + Shape.rect(shankCentre, w: length * mm, h: 4 * mm, angle: item.angle)
        }
    }

    static func drawScrew(_ item: Item, length: Double, mm: Double, steel: Colour, _ s: SceneContext) {
        let d = Point(cos(item.angle), sin(item.angle)), n = Point(-d.y, d.x), total = length + 3.5
        let start = item.centre - d * (total / 2 * mm)
        let headCentre = start + d * (1.75 * mm), shankCentre = item.centre + d * (1.75 * mm)
        let head = Shape.rect(headCentre, w: 3.5 * mm, h: 8.5 * mm, angle: item.angle)
        let shank = Shape.rect(shankCentre, w: length * mm, h: 4 * mm, angle: item.angle)
        let shadow = Point(0.8 * mm, 1 * mm)
        s.canvas.fill(shank.map { $0 + shadow }, Colour(0, 0, 0), alpha: 0.25)
        s.canvas.fill(head.map { $0 + shadow }, Colour(0, 0, 0), alpha: 0.25)
        let across = [(0.0, steel.scaled(0.6), 1.0), (0.45, steel.scaled(1.35), 1.0), (1.0, steel.scaled(0.55), 1.0)]
        s.canvas.fillLinear(shank, from: shankCentre + n * (2 * mm), to: shankCentre - n * (2 * mm), across)
        // Thread: slanted grooves every 0.8 mm along the shank, leaving a short plain neck.
        var t = 2.0
        while t < length - 0.4 {
            let p = start + d * ((3.5 + t) * mm)
            s.canvas.stroke([p + n * (1.9 * mm), p - n * (1.9 * mm) + d * (0.5 * mm)], width: 0.35 * mm, steel.scaled(0.45), alpha: 0.7)
            t += 0.8
        }
        s.canvas.fillLinear(head, from: headCentre + n * (4.25 * mm), to: headCentre - n * (4.25 * mm), across)
        s.canvas.stroke([head[1], head[2]], width: 0.4 * mm, steel.scaled(0.5), alpha: 0.6)
    }

    static func drawNut(_ item: Item, mm: Double, steel: Colour, _ s: SceneContext) {
        let hex = Shape.regular(item.centre, sides: 6, r: 4.6 * mm, angle: item.angle)
        s.canvas.fill(hex.map { $0 + Point(0.8 * mm, 1 * mm) }, Colour(0, 0, 0), alpha: 0.25)
        s.canvas.fillRadial(hex, focus: item.centre + Point(-1.5 * mm, -1.5 * mm), r: 6 * mm, inner: steel.scaled(1.3), outer: steel.scaled(0.7))
        s.canvas.stroke(hex, width: 0.4 * mm, steel.scaled(0.5), alpha: 0.7, closed: true)
        s.canvas.circle(item.centre, 2.3 * mm, steel.scaled(0.45))
        s.canvas.circle(item.centre, 1.6 * mm, Colour(0.8, 0.81, 0.8))
    }

    static func drawWasher(_ item: Item, mm: Double, steel: Colour, _ s: SceneContext) {
        let ring = Shape.ellipse(item.centre, rx: 6 * mm, ry: 6 * mm, count: 28)
        s.canvas.fill(ring.map { $0 + Point(0.6 * mm, 0.8 * mm) }, Colour(0, 0, 0), alpha: 0.22)
        s.canvas.fillRadial(ring, focus: item.centre + Point(-2 * mm, -2 * mm), r: 8 * mm, inner: steel.scaled(1.3), outer: steel.scaled(0.8))
        s.canvas.stroke(Shape.ellipse(item.centre, rx: 4.2 * mm, ry: 4.2 * mm, count: 24), width: 0.3 * mm, steel.scaled(0.6), alpha: 0.5, closed: true)
        s.canvas.circle(item.centre, 2.8 * mm, steel.scaled(0.5))
        s.canvas.circle(item.centre, 2.4 * mm, Colour(0.82, 0.83, 0.82))
    }
}
