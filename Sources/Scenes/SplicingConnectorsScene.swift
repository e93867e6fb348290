import Foundation
import Annotations
import Randomness

/// Two lever splicing connectors joined by a coloured cable, on a grey table.
enum SplicingConnectorsScene {
    static let cableColours: [String: Colour] = [
        "yellow": Colour(0.95, 0.80, 0.10), "blue": Colour(0.12, 0.32, 0.85), "red": Colour(0.85, 0.10, 0.10),
    ]
    static let colourOfVariant = [2: "yellow", 3: "blue", 5: "red"]
    static let minimumLength: [Int: Double] = [2: 40, 3: 50, 5: 60]

    /// A varied scene's faults: the cable is cut, and its ends misplaced, in half of the scenes
    /// (one in fourteen of the LOCO cases).
    static let variedMix = FaultMix([
        (0.5, ["cable_cut"]), (0.5, ["wrong_cable_location"]), (0.4, ["cable_color"]),
        (0.3, ["cable_too_short_T2", "cable_too_short_T3", "cable_too_short_T5"]),
        (0.25, ["wrong_connector_type_5_2", "wrong_connector_type_5_3", "wrong_connector_type_3_2"]),
        (0.2, ["missing_connector", "missing_cable", "extra_cable", "missing_connector_and_cable"]),
    ])

    /// Draws the connectors with the faults of `defects`, or, when `varied`, of `variedMix`.
    static func draw(_ defects: Set<String>, varied: Bool = false, in s: SceneContext, using g: inout SeededGenerator) {
        let d = varied ? variedMix.draw(using: &g) : defects
        let w = s.w, h = s.h, k = w / 256
        Backdrop.draw(s, base: Colour(0.58, 0.58, 0.57), speckSpread: 0.12, specks: 240, using: &g)
        let mm = 2.1 * k * g.uniform(0.98, 1.02)

        // Clamp counts of the left and right connector, and the cable's variant.
        var clamps = [2, 3, 5][Int(g.next() % 3)]
        var sides = (left: clamps, right: clamps)
        var wrongSideIsLeft = false
        for (type, pair) in [("wrong_connector_type_5_2", (5, 2)), ("wrong_connector_type_5_3", (5, 3)), ("wrong_connector_type_3_2", (3, 2))]
        where d.contains(type) {
            let flip = g.nextDouble() < 0.5
            sides = flip ? (pair.1, pair.0) : (pair.0, pair.1)
            // The cable matches one connector; the other is the wrong type.
            wrongSideIsLeft = g.nextDouble() < 0.5
            clamps = wrongSideIsLeft ? sides.right : sides.left
        }
        for (type, variant) in [("cable_too_short_T2", 2), ("cable_too_short_T3", 3), ("cable_too_short_T5", 5)] where d.contains(type) {
            clamps = variant; sides = (variant, variant)
        }
        var colour = colourOfVariant[clamps]!
        if d.contains("cable_color") {
            let others = ["yellow", "blue", "red"].filter { $0 != colour }
            colour = others[Int(g.next() % 2)]
        }
        let tooShort = d.contains { $0.hasPrefix("cable_too_short") }
        let length = tooShort ? minimumLength[clamps]! - g.uniform(9, 14) : minimumLength[clamps]! + g.uniform(9, 14)
        let usable = min(sides.left, sides.right)
        let leftClamp = Int(g.next() % UInt64(usable))
        var rightClamp = leftClamp
        if d.contains("wrong_cable_location") {
            rightClamp = (leftClamp + 1 + Int(g.next() % UInt64(sides.right - 1))) % sides.right
        }

        // Geometry: the left connector, a chord a little shorter than the cable, the right connector.
        let cw = 0.14 * w, pitch = 0.085 * h, pad = 0.035 * h
        func blockHeight(_ n: Int) -> Double { Double(n) * pitch + 2 * pad }
        let cablePx = length * mm
        var layout = (left: Point(0, 0), right: Point(0, 0), sag: 0.0)
        var fitted = false
        for attempt in 0..<80 {
            let lx = g.uniform(0.03, 0.07) * w
            let ly = g.uniform(0.08 * h, 0.92 * h - blockHeight(sides.left))
            let a = Point(lx + cw, ly + pad + (Double(leftClamp) + 0.5) * pitch)
            let chord = cablePx * g.uniform(0.86, 0.96)
            let phi = attempt < 60 ? g.uniform(-0.15, 0.15) : 0
            let b = a + Point(cos(phi), sin(phi)) * chord
            let ry = b.y - pad - (Double(rightClamp) + 0.5) * pitch
            if b.x + cw <= 0.97 * w, ry >= 0.06 * h, ry + blockHeight(sides.right) <= 0.94 * h {
                layout = (Point(lx, ly), Point(b.x, ry), 0); fitted = true; break
            }
        }
        precondition(fitted, "no layout for a \(length) mm cable between \(sides.left)- and \(sides.right)-clamp connectors in \(w)x\(h)")
        func opening(_ left: Bool, _ clamp: Int) -> Point {
            let o = left ? layout.left : layout.right
            return Point(left ? o.x + cw : o.x, o.y + pad + (Double(clamp) + 0.5) * pitch)
        }
        let a = opening(true, leftClamp), b = opening(false, rightClamp)
        let cable = sagging(from: a, to: b, length: cablePx, up: g.nextDouble() < 0.5)

        // Which connector is absent, if any.
        let dropConnector = d.contains("missing_connector") || d.contains("missing_connector_and_cable")
        let dropLeft = dropConnector && g.nextDouble() < 0.5
        let connectorOutlines = [true, false].map { left -> [Point] in
            let o = left ? layout.left : layout.right, n = left ? sides.left : sides.right
            return Shape.rect(x0: o.x - (left ? 0.03 * w : 0), y0: o.y, x1: o.x + cw + (left ? 0 : 0.03 * w), y1: o.y + blockHeight(n))
        }
        let body = Colour(0.86, 0.87, 0.88).jittered(0.03, brightness: 0.05, using: &g)
        let lever = Colour(0.96, 0.52, 0.10).jittered(0.04, brightness: 0.05, using: &g)
        let insulation = cableColours[colour]!.jittered(0.05, brightness: 0.06, using: &g)
        let halfWidth = 0.018 * h

        // Cables under the connectors' lips: the main one, an extra one, or none.
        let drawMain = !(d.contains("missing_cable") || d.contains("missing_connector_and_cable"))
        let mainOutline = Shape.band([a - Point(0.35 * cw, 0)] + cable + [b + Point(0.35 * cw, 0)], halfWidth: halfWidth)
        if drawMain {
            var attributes: [String: AttributeValue] = ["colour": .string(colour), "length_mm": measure(length)]
            if !(dropConnector && dropLeft) { attributes["left_clamp"] = .number(Double(leftClamp)) }
            if !(dropConnector && !dropLeft) { attributes["right_clamp"] = .number(Double(rightClamp)) }
            if d.contains("cable_cut") {
                let cut = Int(Double(cable.count) * g.uniform(0.4, 0.6))
                let first = Array(cable[...(cut - 1)]), second = Array(cable[(cut + 1)...])
                drawCable(first, halfWidth: halfWidth, insulation, ends: (true, false), cw: cw, s)
                drawCable(second, halfWidth: halfWidth, insulation, ends: (false, true), cw: cw, s)
                attributes["intact"] = false
                let outline = Shape.band([a - Point(0.35 * cw, 0)] + first, halfWidth: halfWidth) + Shape.band(second + [b + Point(0.35 * cw, 0)], halfWidth: halfWidth)
                s.addPart("cable", outline: outline, attributes: attributes, keepPolygon: true)
                s.addRegion("cable_cut", [Shape.band(Array(cable[(cut - 2)...(cut + 2)]), halfWidth: 2 * halfWidth)])
            } else {
                drawCable(cable, halfWidth: halfWidth, insulation, ends: (true, true), cw: cw, s)
                attributes["intact"] = true
                s.addPart("cable", outline: mainOutline, attributes: attributes, keepPolygon: true)
            }
            for type in ["cable_color", "wrong_cable_location", "cable_too_short_T2", "cable_too_short_T3", "cable_too_short_T5"] where d.contains(type) {
                s.addRegion(type, [mainOutline])
            }
        } else {
            s.addRegion(d.contains("missing_cable") ? "missing_cable" : "missing_connector_and_cable", [mainOutline])
        }
        if d.contains("extra_cable") {
            let other = (leftClamp + 1) % usable
            let a2 = opening(true, other), b2 = opening(false, other)
            let length2 = (b2 - a2).length / g.uniform(0.86, 0.96) / mm
            let extra = sagging(from: a2, to: b2, length: length2 * mm, up: g.nextDouble() < 0.5)
            drawCable(extra, halfWidth: halfWidth, insulation.jittered(0.03, using: &g), ends: (true, true), cw: cw, s)
            let outline = Shape.band([a2 - Point(0.35 * cw, 0)] + extra + [b2 + Point(0.35 * cw, 0)], halfWidth: halfWidth)
            s.addPart("cable", outline: outline, attributes: ["colour": .string(colour), "length_mm": measure(length2),
                                                              "left_clamp": .number(Double(other)), "right_clamp": .number(Double(other)),
                                                              "intact": true], keepPolygon: true)
            s.addRegion("extra_cable", [outline])
        }

        for (i, left) in [true, false].enumerated() {
            let n = left ? sides.left : sides.right
            if dropConnector && left == dropLeft {
                let type = d.contains("missing_connector") ? "missing_connector" : "missing_connector_and_cable"
                s.addRegion(type, [connectorOutlines[i]])
                continue
            }
            drawConnector(left ? layout.left : layout.right, clamps: n, left: left, cw: cw, pitch: pitch, pad: pad,
                          body: body, lever: lever, s)
            s.addPart("connector", outline: connectorOutlines[i],
                      attributes: ["side": .string(left ? "left" : "right"), "clamps": .number(Double(n))], keepPolygon: true)
            if d.contains(where: { $0.hasPrefix("wrong_connector_type") }) && left == wrongSideIsLeft {
                s.addRegion(d.first { $0.hasPrefix("wrong_connector_type") }!, [connectorOutlines[i]])
            }
        }
    }

    /// A curve from `a` to `b` whose length is `length` pixels (bisection on the sag).
    static func sagging(from a: Point, to b: Point, length: Double, up: Bool) -> [Point] {
        var lo = 0.0, hi = length
        for _ in 0..<30 {
            let mid = (lo + hi) / 2
            if Shape.length(Shape.sag(from: a, to: b, sag: mid)) < length { lo = mid } else { hi = mid }
        }
        return Shape.sag(from: a, to: b, sag: up ? -lo : lo)
    }

    /// The insulated cable with bare copper ends reaching into the clamps.
    static func drawCable(_ line: [Point], halfWidth: Double, _ colour: Colour, ends: (Bool, Bool), cw: Double, _ s: SceneContext) {
        let copper = Colour(0.85, 0.55, 0.28)
        if ends.0 { s.canvas.stroke([line[0] - Point(0.35 * cw, 0), line[0]], width: halfWidth, copper) }
        if ends.1 { s.canvas.stroke([line[line.count - 1], line[line.count - 1] + Point(0.35 * cw, 0)], width: halfWidth, copper) }
        s.canvas.stroke(line.map { $0 + Point(0.8, 1.2) * (halfWidth / 2.7) }, width: 2 * halfWidth, Colour(0, 0, 0), alpha: 0.25)
        s.canvas.stroke(line, width: 2 * halfWidth, colour)
        s.canvas.stroke(line.map { $0 - Point(0, 0.35 * halfWidth) }, width: 0.5 * halfWidth, colour.scaled(1.3), alpha: 0.6)
        if !ends.0 { s.canvas.circle(line[0], 0.6 * halfWidth, copper) }
        if !ends.1 { s.canvas.circle(line[line.count - 1], 0.6 * halfWidth, copper) }
    }

    /// A translucent connector block with one orange lever and one opening per clamp.
    static func drawConnector(_ o: Point, clamps n: Int, left: Bool, cw: Double, pitch: Double, pad: Double,
                              body: Colour, lever: Colour, _ s: SceneContext) {
        let hgt = Double(n) * pitch + 2 * pad
        let block = Shape.rect(x0: o.x, y0: o.y, x1: o.x + cw, y1: o.y + hgt)
        s.canvas.fill(block.map { $0 + Point(0.02 * cw, 0.03 * cw) }, Colour(0, 0, 0), alpha: 0.3)
        s.canvas.fill(block, body, alpha: 0.92)
        s.canvas.stroke(block, width: 0.03 * cw, body.scaled(0.7), closed: true)
        for i in 0..<n {
            let cy = o.y + pad + (Double(i) + 0.5) * pitch
            let leverX0 = left ? o.x - 0.2 * cw : o.x + 0.6 * cw, leverX1 = left ? o.x + 0.4 * cw : o.x + 1.2 * cw
            s.canvas.fill(Shape.rect(x0: leverX0, y0: cy - 0.36 * pitch, x1: leverX1, y1: cy + 0.36 * pitch), lever)
            s.canvas.stroke([Point(leverX0, cy - 0.36 * pitch), Point(leverX1, cy - 0.36 * pitch)], width: 0.025 * cw, lever.scaled(1.2), alpha: 0.8)
            let holeX = left ? o.x + 0.62 * cw : o.x + 0.08 * cw
            s.canvas.fill(Shape.rect(x0: holeX, y0: cy - 0.22 * pitch, x1: holeX + 0.3 * cw, y1: cy + 0.22 * pitch), Colour(0.25, 0.25, 0.27), alpha: 0.6)
        }
    }
}
