import Foundation
import Annotations
import Randomness

/// A breakfast box on a dark cloth: a cream tray with two compartments, fruit on one side
/// (nectarines and tangerines) and piles of cereal, banana chips and almonds on the other.
enum BreakfastBoxScene {
    /// Pile sizes as fractions of the compartment area; nil = pile absent.
    struct Amounts { var cereal: Double?; var bananas: Double?; var almonds: Double? }

    static func draw(_ defects: Set<String>, in s: SceneContext, using g: inout SeededGenerator) {
        let w = s.w, h = s.h, k = w / 256
        Backdrop.draw(s, base: Colour(0.07, 0.07, 0.08), speckSpread: 0.6, specks: 260, using: &g)

        // The tray and its two compartments.
        let jx = g.uniform(-0.012, 0.012) * w, jy = g.uniform(-0.012, 0.012) * h
        let tray = (x0: 0.05 * w + jx, y0: 0.07 * h + jy, x1: 0.95 * w + jx, y1: 0.93 * h + jy)
        let trayColour = Colour(0.86, 0.83, 0.76).jittered(0.03, brightness: 0.06, using: &g)
        let trayOutline = Shape.rect(x0: tray.x0, y0: tray.y0, x1: tray.x1, y1: tray.y1)
        s.canvas.fill(Shape.rect(x0: tray.x0 + 3 * k, y0: tray.y0 + 4 * k, x1: tray.x1 + 3 * k, y1: tray.y1 + 4 * k), Colour(0, 0, 0), alpha: 0.5)
        s.canvas.fill(trayOutline, trayColour)
        let mid = (tray.x0 + tray.x1) / 2
        let inset = (x: 0.028 * w, y: 0.045 * h), wall = 0.012 * w
        let left = (x0: tray.x0 + inset.x, y0: tray.y0 + inset.y, x1: mid - wall, y1: tray.y1 - inset.y)
        let right = (x0: mid + wall, y0: tray.y0 + inset.y, x1: tray.x1 - inset.x, y1: tray.y1 - inset.y)
        let floor = trayColour.scaled(0.9)
        for c in [left, right] {
            let r = Shape.rect(x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1)
            s.canvas.fillLinear(r, from: Point(c.x0, c.y0), to: Point(c.x0, c.y1),
                                [(0, floor.scaled(0.82), 1), (0.15, floor, 1), (1, floor.scaled(1.04), 1)])
            s.canvas.speckle(r, count: 60, base: floor, spread: 0.08, size: (0.8 * k)...(2 * k), alpha: 0.4, using: &g)
            s.canvas.stroke(r, width: 1.2 * k, trayColour.scaled(1.1), closed: true)
        }
        s.addPart("compartment", outline: Shape.rect(x0: left.x0, y0: left.y0, x1: left.x1, y1: left.y1),
                  attributes: ["side": "left"], keepPolygon: true)
        s.addPart("compartment", outline: Shape.rect(x0: right.x0, y0: right.y0, x1: right.x1, y1: right.y1),
                  attributes: ["side": "right"], keepPolygon: true)

        let swapped = defects.contains("compartments_swapped")
        let fruitSide = swapped ? right : left, pileSide = swapped ? left : right
        let piles = drawPiles(amounts(for: defects, using: &g), in: pileSide, s, using: &g)
        let fruitOutline = Shape.rect(x0: fruitSide.x0, y0: fruitSide.y0, x1: fruitSide.x1, y1: fruitSide.y1)
        drawFruit(fruitCounts(defects), in: fruitSide, s, using: &g)

        for type in defects.sorted() {
            switch type {
            case "missing_almonds": s.addRegion(type, [piles.almonds])
            case "missing_bananas": s.addRegion(type, [piles.bananas])
            case "missing_cereals": s.addRegion(type, [piles.cereal])
            case "missing_toppings": s.addRegion(type, [piles.bananas]); s.addRegion(type, [piles.almonds])
            case "missing_cereals_and_toppings":
                for p in [piles.cereal, piles.bananas, piles.almonds] { s.addRegion(type, [p]) }
            case "compartments_swapped":
                for c in [left, right] { s.addRegion(type, [Shape.rect(x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1)]) }
            case "overflow", "underflow", "wrong_ratio":
                s.addRegion(type, [piles.cereal, piles.bananas, piles.almonds])
            default: s.addRegion(type, [fruitOutline])  // the fruit count types
            }
        }
    }

    /// (nectarines, tangerines) in the fruit compartment: 1 and 2 unless a count type says otherwise.
    static func fruitCounts(_ defects: Set<String>) -> (nectarines: Int, tangerines: Int) {
        for type in defects {
            let f = type.split(separator: "_")
            if f.count == 4, f[1].hasPrefix("nectarine"), let n = Int(f[0]), let t = Int(f[2]) { return (n, t) }
        }
        return (1, 2)
    }

    /// Pile coverages drawn well inside the bands of docs/annotations.md for the defect case.
    static func amounts(for defects: Set<String>, using g: inout SeededGenerator) -> Amounts {
        var a = Amounts(cereal: g.uniform(0.34, 0.40), bananas: g.uniform(0.09, 0.11), almonds: g.uniform(0.065, 0.085))
        if defects.contains("overflow") {
            a = Amounts(cereal: g.uniform(0.52, 0.56), bananas: g.uniform(0.14, 0.16), almonds: g.uniform(0.11, 0.13))
        } else if defects.contains("underflow") {
            a = Amounts(cereal: g.uniform(0.20, 0.22), bananas: g.uniform(0.05, 0.055), almonds: g.uniform(0.035, 0.04))
        } else if defects.contains("wrong_ratio") {
            a = g.nextDouble() < 0.5
                ? Amounts(cereal: g.uniform(0.24, 0.27), bananas: g.uniform(0.13, 0.15), almonds: g.uniform(0.11, 0.12))
                : Amounts(cereal: g.uniform(0.50, 0.55), bananas: g.uniform(0.04, 0.05), almonds: g.uniform(0.03, 0.04))
        } else if defects.contains("missing_almonds") {
            a.cereal = g.uniform(0.36, 0.40); a.almonds = nil
        } else if defects.contains("missing_bananas") {
            a.cereal = g.uniform(0.38, 0.41); a.almonds = g.uniform(0.07, 0.085); a.bananas = nil
        } else if defects.contains("missing_toppings") {
            a.bananas = nil; a.almonds = nil
        } else if defects.contains("missing_cereals") {
            a.cereal = nil
        } else if defects.contains("missing_cereals_and_toppings") {
            a = Amounts(cereal: nil, bananas: nil, almonds: nil)
        }
        return a
    }

    typealias Rect = (x0: Double, y0: Double, x1: Double, y1: Double)

    /// Draws the present piles and returns every pile's outline, present or not (an absent
    /// pile's outline is where it would have been: its defect region).
    static func drawPiles(_ a: Amounts, in c: Rect, _ s: SceneContext, using g: inout SeededGenerator)
        -> (cereal: [Point], bananas: [Point], almonds: [Point]) {
        let cw = c.x1 - c.x0, ch = c.y1 - c.y0, area = cw * ch, k = s.w / 256
        func spot(_ fx: Double, _ fy: Double) -> Point {
            Point(c.x0 + (fx + g.uniform(-0.05, 0.05)) * cw, c.y0 + (fy + g.uniform(-0.04, 0.04)) * ch)
        }
        let cereal = pile(area: (a.cereal ?? 0.37) * area, centre: spot(0.5, 0.62), aspect: 0.8, in: c, using: &g)
        let bananas = pile(area: (a.bananas ?? 0.10) * area, centre: spot(0.32, 0.24), aspect: 1.0, in: c, using: &g)
        let almonds = pile(area: (a.almonds ?? 0.075) * area, centre: spot(0.7, 0.27), aspect: 1.0, in: c, using: &g)

        if a.cereal != nil {
            let base = Colour(0.60, 0.40, 0.20).jittered(0.05, brightness: 0.08, using: &g)
            s.canvas.fill(cereal, base)
            s.canvas.speckle(cereal, count: Int(Shape.area(cereal) / (10 * k * k)), base: base.scaled(1.05), spread: 0.25,
                             size: (1.2 * k)...(2.6 * k), alpha: 0.95, using: &g)
            s.addPart("cereal", outline: cereal, attributes: ["coverage": measure(Shape.area(cereal) / area)], keepPolygon: true)
        }
        if a.bananas != nil {
            let base = Colour(0.80, 0.70, 0.45).jittered(0.04, brightness: 0.06, using: &g)
            s.canvas.fill(bananas, base)
            let chip = Colour(0.96, 0.88, 0.62).jittered(0.03, using: &g)
            let chips = Shape.scatter(Int(Shape.area(bananas) / (14 * k * k)), in: bananas, using: &g).map { ($0, g.uniform(3.2, 4.4) * k) }
            s.canvas.circles(chips, chip.scaled(0.85))
            s.canvas.circles(chips.map { ($0.0, $0.1 * 0.8) }, chip)
            s.canvas.circles(chips.map { ($0.0, $0.1 * 0.25) }, chip.scaled(0.8))
            s.addPart("banana_chips", outline: bananas, attributes: ["coverage": measure(Shape.area(bananas) / area)], keepPolygon: true)
        }
        if a.almonds != nil {
            let base = Colour(0.42, 0.26, 0.14).jittered(0.04, brightness: 0.06, using: &g)
            s.canvas.fill(almonds, base)
            do {
                let nuts = Shape.scatter(Int(Shape.area(almonds) / (12 * k * k)), in: almonds, using: &g).map { ($0, g.uniform(0, Double.pi)) }
                s.canvas.fillMany(nuts.enumerated().filter { $0.offset % 2 == 0 }.map { Shape.ellipse($0.element.0, rx: 4.2 * k, ry: 2.4 * k, angle: $0.element.1, count: 12) }, base.scaled(1.25))
                s.canvas.fillMany(nuts.enumerated().filter { $0.offset % 2 == 1 }.map { Shape.ellipse($0.element.0, rx: 4.2 * k, ry: 2.4 * k, angle: $0.element.1, count: 12) }, base.scaled(1.45))
                s.canvas.fillMany(nuts.map { Shape.ellipse($0.0 + Point(-0.6 * k, -0.6 * k), rx: 2.2 * k, ry: 1 * k, angle: $0.1, count: 8) }, base.scaled(1.9), alpha: 0.5)
            }
            s.addPart("almonds", outline: almonds, attributes: ["coverage": measure(Shape.area(almonds) / area)], keepPolygon: true)
        }
        return (cereal, bananas, almonds)
    }

    /// A wobbly pile of exactly `area` square pixels (to within a percent) kept inside the compartment.
    static func pile(area: Double, centre: Point, aspect: Double, in c: Rect, using g: inout SeededGenerator) -> [Point] {
        let harmonics = (0..<3).map { _ in (amp: g.uniform(0.02, 0.08), phase: g.uniform(0, 2 * Double.pi)) }
        var ry = (area / (Double.pi * aspect)).squareRoot()
        var poly: [Point] = []
        for _ in 0..<6 {
            poly = Shape.clamp(Shape.blob(centre, rx: ry * aspect, ry: ry, harmonics: harmonics),
                               x0: c.x0 + 1, y0: c.y0 + 1, x1: c.x1 - 1, y1: c.y1 - 1)
            ry *= (area / max(Shape.area(poly), 1)).squareRoot()
        }
        return poly
    }

    /// Places and draws the fruit, slightly overlapping at most, inside the compartment.
    static func drawFruit(_ counts: (nectarines: Int, tangerines: Int), in c: Rect, _ s: SceneContext, using g: inout SeededGenerator) {
        let k = s.w / 256
        var fruit: [(isNectarine: Bool, r: Double)] = Array(repeating: (true, 0), count: counts.nectarines)
            + Array(repeating: (false, 0), count: counts.tangerines)
        for i in fruit.indices { fruit[i].r = (fruit[i].isNectarine ? g.uniform(19, 21.5) : g.uniform(14.5, 16.5)) * k }
        var placed: [(Point, Double)] = []
        for f in fruit {
            var best = Point(0, 0), bestGap = -Double.infinity
            for _ in 0..<120 {
                let p = Point(g.uniform(c.x0 + 0.85 * f.r, c.x1 - 0.85 * f.r), g.uniform(c.y0 + 0.85 * f.r, c.y1 - 0.85 * f.r))
                let gap = placed.map { ($0.0 - p).length - 0.88 * ($0.1 + f.r) }.min() ?? 1
                if gap > bestGap { best = p; bestGap = gap }
                if gap >= 0 { break }
            }
            placed.append((best, f.r))
            let outline = Shape.ellipse(best, rx: f.r * g.uniform(0.95, 1.05), ry: f.r * g.uniform(0.95, 1.05), angle: g.uniform(0, Double.pi))
            s.canvas.fill(outline.map { $0 + Point(1.5 * k, 2 * k) }, Colour(0, 0, 0), alpha: 0.35)
            if f.isNectarine {
                let light = Colour(0.95, 0.62, 0.18).jittered(0.05, using: &g), blush = Colour(0.72, 0.12, 0.10).jittered(0.08, using: &g)
                s.canvas.fillRadial(outline, focus: best + Point(-0.3 * f.r, -0.3 * f.r), r: f.r * 1.4, inner: light, outer: blush)
                s.canvas.fill(Shape.ellipse(best + Point(g.uniform(-0.3, 0.3) * f.r, g.uniform(-0.3, 0.3) * f.r), rx: 0.45 * f.r, ry: 0.3 * f.r,
                                            angle: g.uniform(0, Double.pi), count: 12), blush.scaled(0.85), alpha: 0.6)
                s.canvas.stroke([best + Point(0, -0.9 * f.r), best + Point(0.15 * f.r, 0.1 * f.r)], width: 0.8 * k, blush.scaled(0.7), alpha: 0.5)
                s.addPart("nectarine", outline: outline)
            } else {
                let peel = Colour(0.97, 0.50, 0.06).jittered(0.05, brightness: 0.05, using: &g)
                s.canvas.fillRadial(outline, focus: best + Point(-0.35 * f.r, -0.35 * f.r), r: f.r * 1.3, inner: peel.scaled(1.15), outer: peel.scaled(0.7))
                s.canvas.speckle(outline, count: 18, base: peel.scaled(0.8), spread: 0.1, size: (0.4 * k)...(0.8 * k), alpha: 0.6, using: &g)
                s.canvas.circle(best + Point(g.uniform(-0.2, 0.2) * f.r, g.uniform(-0.2, 0.2) * f.r), 1.6 * k, Colour(0.35, 0.4, 0.12))
                s.addPart("tangerine", outline: outline)
            }
        }
    }
}
