import Foundation
import Annotations
import Randomness

/// A juice bottle upright on black: glass with a screw cap, juice at some level, a fruit label
/// with a fruit icon in the middle and a "100% Juice" label near the bottom.
enum JuiceBottleScene {
    static let fruits = ["orange", "cherry", "banana"]
    static let juiceColour: [String: (name: String, colour: Colour)] = [
        "orange": ("yellow", Colour(0.93, 0.80, 0.38)),
        "cherry": ("red", Colour(0.55, 0.06, 0.10)),
        "banana": ("white", Colour(0.92, 0.89, 0.78)),
    ]

    /// A varied scene's faults: the icon is off-centre in half of the scenes (one in twelve of
    /// the LOCO cases), the juice and icon disagree in a third.
    static let variedMix = FaultMix([
        (0.5, ["misplaced_fruit_icon"]), (0.35, ["wrong_juice_type"]),
        (0.3, ["wrong_fill_level_too_much", "wrong_fill_level_not_enough"]),
        (0.25, ["misplaced_label_top"]), (0.25, ["misplaced_label_bottom"]),
        (0.2, ["missing_fruit_icon", "missing_top_label", "missing_bottom_label", "swapped_labels", "empty_bottle"]),
    ])

    /// Draws the bottle with the faults `requested`, or, when `varied`, those of `variedMix`.
    static func draw(_ requested: Set<String>, varied: Bool = false, in s: SceneContext, using g: inout SeededGenerator) {
        let defects = varied ? variedMix.draw(using: &g) : requested
        let w = s.w, h = s.h, k = w / 128
        Backdrop.draw(s, base: Colour(0.035, 0.035, 0.04), speckSpread: 0.8, specks: 200, using: &g)

        // The glass outline; the bottle box spans the lip to the bottom and the body's width.
        let sb = g.uniform(0.97, 1.03), cx = w * (0.5 + g.uniform(-0.02, 0.02)), yBot = 0.94 * h
        func y(_ f: Double) -> Double { yBot - (yBot - f * h) * sb }
        let body = 0.27 * w * sb, neck = 0.12 * w * sb
        let yTop = y(0.09), yNeck = y(0.24), yShoulder = y(0.31)
        func outline(inset d: Double) -> [Point] {
            var right: [Point] = [Point(cx + neck - d, yTop + d)]
            for i in 0...6 {
                let t = Double(i) / 6, e = t * t * (3 - 2 * t)
                right.append(Point(cx + neck + (body - neck) * e - d, yNeck + (yShoulder - yNeck) * t))
            }
            right += [Point(cx + body - d, yBot - 0.025 * h), Point(cx + body - 0.04 * w, yBot - d)]
            return right + right.reversed().map { Point(2 * cx - $0.x, $0.y) }
        }
        let glass = outline(inset: 0), inner = outline(inset: 1.6 * k)
        let bw = 2 * body, bh = yBot - yTop, bx0 = cx - body
        func at(_ u: Double, _ v: Double) -> Point { Point(bx0 + u * bw, yTop + v * bh) }

        // Juice and fill level, drawn with margins inside the bands of docs/annotations.md.
        let juice = fruits[Int(g.next() % 3)]
        let fill = defects.contains("wrong_fill_level_too_much") ? g.uniform(0.87, 0.91)
            : defects.contains("wrong_fill_level_not_enough") ? g.uniform(0.50, 0.64) : g.uniform(0.74, 0.78)
        let level = yBot - fill * bh, nominal = yBot - 0.76 * bh
        var icon = juice
        if defects.contains("wrong_juice_type") { icon = fruits.filter { $0 != juice }[Int(g.next() % 2)] }

        s.canvas.fill(glass, Colour(0.16, 0.16, 0.15), alpha: 0.55)
        if !defects.contains("empty_bottle") {
            let liquid = Shape.clipBelow(inner, level: level)
            let c = juiceColour[juice]!.colour.jittered(0.04, brightness: 0.05, using: &g)
            s.canvas.fillLinear(liquid, from: Point(bx0, 0), to: Point(bx0 + bw, 0),
                                [(0, c.scaled(0.7), 1), (0.35, c, 1), (0.65, c.scaled(1.05), 1), (1, c.scaled(0.7), 1)])
            // The surface: the liquid outline's edge at the level, wherever the glass is there.
            let surface = liquid.filter { abs($0.y - level) < 1e-9 }.map(\.x)
            if let x0 = surface.min(), let x1 = surface.max() {
                s.canvas.stroke([Point(x0, level), Point(x1, level)], width: 1 * k, c.scaled(1.15), alpha: 0.8)
            }
            s.addPart("liquid", outline: liquid, attributes: ["colour": .string(juiceColour[juice]!.name), "fill": measure(fill)], keepPolygon: true)
        } else {
            s.addRegion("empty_bottle", [Shape.clipBelow(inner, level: nominal)])
        }
        // Glass highlights and rim, then the cap.
        s.canvas.clipped(to: glass) {
            s.canvas.fill(Shape.rect(x0: bx0 + 0.1 * bw, y0: yTop, x1: bx0 + 0.16 * bw, y1: yBot), Colour(1, 1, 1), alpha: 0.22)
            s.canvas.fill(Shape.rect(x0: bx0 + 0.86 * bw, y0: yTop, x1: bx0 + 0.9 * bw, y1: yBot), Colour(1, 1, 1), alpha: 0.15)
        }
        s.canvas.stroke(glass, width: 1.3 * k, Colour(0.75, 0.75, 0.72), alpha: 0.6, closed: true)
        let cap = Shape.rect(x0: cx - neck - 1.5 * k, y0: y(0.055), x1: cx + neck + 1.5 * k, y1: yTop + 0.025 * h)
        s.canvas.fill(cap, Colour(0.12, 0.12, 0.13))
        for i in 0..<9 {
            let x = cx - neck + Double(i) * (2 * neck) / 8
            s.canvas.stroke([Point(x, y(0.058)), Point(x, yTop + 0.022 * h)], width: 0.8 * k, Colour(0.35, 0.35, 0.35), alpha: 0.7)
        }
        s.addPart("bottle", outline: glass, keepPolygon: true)

        // Label positions (u, v in the bottle box), normal or as the defect case moves them.
        let swapped = defects.contains("swapped_labels")
        var top = (u: 0.5 + g.uniform(-0.03, 0.03), v: swapped ? g.uniform(0.79, 0.84) : g.uniform(0.47, 0.53))
        var bottom = (u: 0.5 + g.uniform(-0.03, 0.03), v: swapped ? g.uniform(0.47, 0.53) : g.uniform(0.79, 0.84))
        let sideways = { (g: inout SeededGenerator) -> Double in 0.5 + (g.nextDouble() < 0.5 ? -1 : 1) * g.uniform(0.19, 0.21) }
        if defects.contains("misplaced_label_top") {
            if g.nextDouble() < 0.5 { top.v = g.uniform(0.645, 0.675) } else { top.u = sideways(&g) }
        }
        if defects.contains("misplaced_label_bottom") {
            if g.nextDouble() < 0.5 { bottom.v = g.uniform(0.935, 0.95) } else { bottom.u = sideways(&g) }
        }
        let topSize = (w: 0.62 * bw, h: 0.19 * bh), bottomSize = (w: 0.62 * bw, h: 0.1 * bh)
        let topRect = Shape.rect(at(top.u, top.v), w: topSize.w, h: topSize.h)
        let bottomRect = Shape.rect(at(bottom.u, bottom.v), w: bottomSize.w, h: bottomSize.h)
        let normalTop = Shape.rect(at(0.5, 0.5), w: topSize.w, h: topSize.h)
        let normalBottom = Shape.rect(at(0.5, 0.815), w: bottomSize.w, h: bottomSize.h)
        let paper = Colour(0.96, 0.86, 0.62).jittered(0.03, brightness: 0.05, using: &g)

        if defects.contains("missing_top_label") {
            s.addRegion("missing_top_label", [normalTop])
        } else {
            s.canvas.fill(topRect, paper)
            s.canvas.stroke(Shape.rect(at(top.u, top.v), w: topSize.w * 0.86, h: topSize.h * 0.88), width: 1 * k, paper.scaled(0.8), closed: true)
            s.addPart("top_label", outline: topRect)
            // The icon: centred within a few percent, or clearly off-centre.
            let iconSize = 0.5 * topSize.w
            var off = (x: g.uniform(-0.04, 0.04), y: g.uniform(-0.04, 0.04))
            if defects.contains("misplaced_fruit_icon") {
                let d = (g.nextDouble() < 0.5 ? -1.0 : 1.0) * g.uniform(0.25, 0.30)
                if g.nextDouble() < 0.5 { off.x = d } else { off.y = d }
            }
            let centre = at(top.u, top.v) + Point(off.x * topSize.w, off.y * topSize.h)
            let extent = Shape.ellipse(centre, rx: iconSize / 2, ry: iconSize / 2, count: 16)
            if defects.contains("missing_fruit_icon") {
                s.addRegion("missing_fruit_icon", [extent])
            } else {
                drawIcon(icon, centre: centre, size: iconSize, s, using: &g)
                s.addPart("fruit_icon", outline: extent, attributes: ["fruit": .string(icon)])
                if defects.contains("misplaced_fruit_icon") { s.addRegion("misplaced_fruit_icon", [extent]) }
                if defects.contains("wrong_juice_type") { s.addRegion("wrong_juice_type", [extent]) }
            }
        }
        if defects.contains("missing_bottom_label") {
            s.addRegion("missing_bottom_label", [normalBottom])
        } else {
            let white = paper.mixed(with: Colour(0.97, 0.95, 0.9), 0.6)
            s.canvas.fill(bottomRect, white)
            drawText(at(bottom.u, bottom.v), width: bottomSize.w * 0.78, height: bottomSize.h * 0.38, s, using: &g)
            s.addPart("bottom_label", outline: bottomRect)
        }
        if swapped { s.addRegion("swapped_labels", [topRect]); s.addRegion("swapped_labels", [bottomRect]) }
        if defects.contains("misplaced_label_top") { s.addRegion("misplaced_label_top", [topRect]) }
        if defects.contains("misplaced_label_bottom") { s.addRegion("misplaced_label_bottom", [bottomRect]) }
        if defects.contains("wrong_fill_level_too_much") || defects.contains("wrong_fill_level_not_enough") {
            let type = fill > 0.8 ? "wrong_fill_level_too_much" : "wrong_fill_level_not_enough"
            // The band of glass between the nominal level and the actual one.
            s.addRegion(type, [clipAbove(Shape.clipBelow(inner, level: min(level, nominal)), max(level, nominal))])
        }
    }

    /// The part of a polygon with `y <= level`.
    static func clipAbove(_ poly: [Point], _ level: Double) -> [Point] {
        Shape.clipBelow(poly.map { Point($0.x, -$0.y) }, level: -level).map { Point($0.x, -$0.y) }
    }

    /// "100% Juice" as dark glyph-like strokes (no font: identical on every machine).
    static func drawText(_ c: Point, width: Double, height: Double, _ s: SceneContext, using g: inout SeededGenerator) {
        let glyphs = [1, 1, 1, 1, 0, 1, 1, 1, 1, 1]
        let step = width / Double(glyphs.count)
        for (i, on) in glyphs.enumerated() where on == 1 {
            let x = c.x - width / 2 + (Double(i) + 0.5) * step
            let tall = i == 5 ? 1.0 : g.uniform(0.7, 1.0)
            s.canvas.fill(Shape.rect(Point(x, c.y + (1 - tall) * height / 2), w: step * 0.62, h: height * tall), Colour(0.12, 0.1, 0.08), alpha: 0.85)
        }
    }

    static func drawIcon(_ fruit: String, centre c: Point, size: Double, _ s: SceneContext, using g: inout SeededGenerator) {
        let leaf = Colour(0.2, 0.5, 0.12)
        switch fruit {
        case "orange":
            let r = 0.38 * size
            s.canvas.fillRadial(Shape.ellipse(c, rx: r, ry: r), focus: c + Point(-0.3 * r, -0.3 * r), r: 1.3 * r,
                                inner: Colour(1, 0.7, 0.2), outer: Colour(0.9, 0.42, 0.02))
            s.canvas.fill(Shape.ellipse(c + Point(0.35 * r, -0.95 * r), rx: 0.45 * r, ry: 0.2 * r, angle: -0.5, count: 10), leaf)
        case "cherry":
            let r = 0.2 * size
            let a = c + Point(-0.22 * size, 0.2 * size), b = c + Point(0.2 * size, 0.24 * size), top = c + Point(0.05 * size, -0.38 * size)
            s.canvas.stroke([a, top], width: 0.04 * size, leaf)
            s.canvas.stroke([b, top], width: 0.04 * size, leaf)
            s.canvas.fill(Shape.ellipse(top + Point(0.12 * size, 0), rx: 0.14 * size, ry: 0.06 * size, angle: 0.3, count: 10), leaf)
            for p in [a, b] {
                s.canvas.fillRadial(Shape.ellipse(p, rx: r, ry: r), focus: p + Point(-0.3 * r, -0.3 * r), r: 1.3 * r,
                                    inner: Colour(0.95, 0.2, 0.25), outer: Colour(0.55, 0.0, 0.05))
            }
        default:
            let arc = (0...12).map { i -> Point in
                let t = Double.pi * (0.15 + 0.7 * Double(i) / 12)
                return c + Point(-0.38 * size * cos(t), 0.38 * size * sin(t) - 0.18 * size)
            }
            s.canvas.stroke(arc, width: 0.2 * size, Colour(0.98, 0.84, 0.18))
            s.canvas.stroke([arc[0], arc[0] + Point(-0.04 * size, -0.06 * size)], width: 0.08 * size, Colour(0.35, 0.25, 0.1))
        }
    }
}
