import Annotations

/// Annotations built by hand after docs/annotations.md: a normal image of each category, and
/// edits that make one defect type at a time.
enum HandBuilt {
    static func box(_ cx: Double, _ cy: Double, _ w: Double, _ h: Double) -> Box {
        Box(x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2)
    }

    static func annotation(_ category: String, _ width: Int, _ height: Int, _ parts: [(String, Box, [String: AttributeValue])]) -> ImageAnnotation {
        ImageAnnotation(category: category, split: "test", label: "good", image: "test/good/000.png", width: width, height: height,
                        defects: [], parts: parts.enumerated().map { Part(id: $0.offset, cls: $0.element.0, box: $0.element.1, attributes: $0.element.2) })
    }

    // MARK: breakfast_box (256 x 205): compartments are the two halves.

    static func breakfastBox(nectarines: Int = 1, tangerines: Int = 2, cereal: Double? = 0.37, bananas: Double? = 0.10,
                             almonds: Double? = 0.075, swapped: Bool = false) -> ImageAnnotation {
        let fruitX: Double = swapped ? 192 : 64, pileX: Double = swapped ? 64 : 192
        var parts: [(String, Box, [String: AttributeValue])] = [
            ("compartment", Box(x0: 0, y0: 0, x1: 128, y1: 205), ["side": "left"]),
            ("compartment", Box(x0: 128, y0: 0, x1: 256, y1: 205), ["side": "right"]),
        ]
        for i in 0..<nectarines { parts.append(("nectarine", box(fruitX - 30, 40 + Double(i) * 45, 36, 36), [:])) }
        for i in 0..<tangerines { parts.append(("tangerine", box(fruitX + 30, 40 + Double(i) * 40, 30, 30), [:])) }
        if let cereal { parts.append(("cereal", box(pileX, 60, 100, 80), ["coverage": .number(cereal)])) }
        if let bananas { parts.append(("banana_chips", box(pileX - 20, 150, 50, 40), ["coverage": .number(bananas)])) }
        if let almonds { parts.append(("almonds", box(pileX + 30, 150, 40, 40), ["coverage": .number(almonds)])) }
        return annotation("breakfast_box", 256, 205, parts)
    }

    // MARK: juice_bottle (128 x 256): the bottle box is [32, 40, 96, 240] (64 x 200).

    static let bottle = Box(x0: 32, y0: 40, x1: 96, y1: 240)

    /// A point of the bottle box in relative coordinates.
    static func onBottle(_ u: Double, _ v: Double) -> (Double, Double) {
        (bottle.x0 + u * bottle.width, bottle.y0 + v * bottle.height)
    }

    static func juiceBottle(colour: String? = "red", fill: Double = 0.76, topLabel: (Double, Double)? = (0.5, 0.5),
                            bottomLabel: (Double, Double)? = (0.5, 0.8), icon: String? = "cherry",
                            iconOffset: Double = 0) -> ImageAnnotation {
        var parts: [(String, Box, [String: AttributeValue])] = [("bottle", bottle, [:])]
        if let colour {
            parts.append(("liquid", Box(x0: 34, y0: bottle.y1 - fill * bottle.height, x1: 94, y1: 238),
                          ["colour": .string(colour), "fill": .number(fill)]))
        }
        if let (u, v) = topLabel {
            let (x, y) = onBottle(u, v)
            parts.append(("top_label", box(x, y, 40, 40), [:]))
            if let icon { parts.append(("fruit_icon", box(x + iconOffset * 40, y, 16, 16), ["fruit": .string(icon)])) }
        }
        if let (u, v) = bottomLabel {
            let (x, y) = onBottle(u, v)
            parts.append(("bottom_label", box(x, y, 32, 20), [:]))
        }
        return annotation("juice_bottle", 128, 256, parts)
    }

    // MARK: pushpins (256 x 151): 3 x 5 compartments of 48 x 45 from (8, 8).

    static func compartmentCentre(_ row: Int, _ col: Int) -> (Double, Double) {
        (8 + 48 * Double(col) + 24, 8 + 45 * Double(row) + 22.5)
    }

    /// `pins[row][col]` is the number of pins in that compartment. With `presentFlags` every wall
    /// carries its `present` flag and a missing one stays, flagged false, as the renderer writes
    /// them; without, a missing wall is left out, as annotations written before the flag were.
    static func pushpins(pins: [[Int]] = Array(repeating: Array(repeating: 1, count: 5), count: 3),
                         missingSeparators: Int = 0, presentFlags: Bool = false) -> ImageAnnotation {
        var parts: [(String, Box, [String: AttributeValue])] = []
        for r in 0..<3 {
            for c in 0..<5 {
                let (x, y) = compartmentCentre(r, c)
                parts.append(("compartment", box(x, y, 48, 45), ["row": .number(Double(r)), "col": .number(Double(c))]))
            }
        }
        var separators: [(String, Box, [String: AttributeValue])] = []
        for r in 0..<3 {
            for c in 0..<4 {
                let (x, y) = compartmentCentre(r, c)
                separators.append(("separator", box(x + 24, y, 2, 45), ["orientation": "vertical", "row": .number(Double(r)), "col": .number(Double(c))]))
            }
        }
        for r in 0..<2 {
            for c in 0..<5 {
                let (x, y) = compartmentCentre(r, c)
                separators.append(("separator", box(x, y + 22.5, 48, 2), ["orientation": "horizontal", "row": .number(Double(r)), "col": .number(Double(c))]))
            }
        }
        if presentFlags {
            parts += separators.enumerated().map { i, wall in
                (wall.0, wall.1, wall.2.merging(["present": .bool(i < separators.count - missingSeparators)]) { $1 })
            }
        } else {
            parts += separators.dropLast(missingSeparators)
        }
        for r in 0..<3 {
            for c in 0..<5 {
                let (x, y) = compartmentCentre(r, c)
                for k in 0..<pins[r][c] { parts.append(("pushpin", box(x - 8 + 8 * Double(k), y, 14, 14), [:])) }
            }
        }
        return annotation("pushpins", 256, 151, parts)
    }

    // MARK: screw_bag (256 x 176)

    static func screwBag(screws: [Double] = [33, 20], nuts: Int = 2, washers: Int = 2) -> ImageAnnotation {
        var parts: [(String, Box, [String: AttributeValue])] = []
        for (i, length) in screws.enumerated() { parts.append(("screw", box(40 + 40 * Double(i), 60, 20, length * 2), ["length_mm": .number(length)])) }
        for i in 0..<nuts { parts.append(("nut", box(60 + 30 * Double(i), 140, 20, 20), [:])) }
        for i in 0..<washers { parts.append(("washer", box(180 + 30 * Double(i), 140, 24, 24), [:])) }
        return annotation("screw_bag", 256, 176, parts)
    }

    // MARK: splicing_connectors (256 x 128)

    static func splicingConnectors(left: Int? = 3, right: Int? = 3, cables: Int = 1, colour: String = "blue",
                                   ends: (Int, Int) = (1, 1), length: Double = 58, intact: Bool = true) -> ImageAnnotation {
        var parts: [(String, Box, [String: AttributeValue])] = []
        if let left { parts.append(("connector", Box(x0: 10, y0: 34, x1: 60, y1: 94), ["side": "left", "clamps": .number(Double(left))])) }
        if let right { parts.append(("connector", Box(x0: 196, y0: 34, x1: 246, y1: 94), ["side": "right", "clamps": .number(Double(right))])) }
        for i in 0..<cables {
            parts.append(("cable", Box(x0: 60, y0: 50 + 10 * Double(i), x1: 196, y1: 70 + 10 * Double(i)),
                          ["colour": .string(colour), "left_clamp": .number(Double(ends.0)), "right_clamp": .number(Double(ends.1)),
                           "length_mm": .number(length), "intact": .bool(intact)]))
        }
        return annotation("splicing_connectors", 256, 128, parts)
    }
}
