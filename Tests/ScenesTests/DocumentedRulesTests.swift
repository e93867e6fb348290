import XCTest
import Annotations
import Scenes

/// Re-derives each image's defect types from its annotation alone, following the rules of
/// docs/annotations.md, and checks they are exactly the types the scene was drawn with.
final class DocumentedRulesTests: XCTestCase {
    func testAnnotationsImplyExactlyTheirLabels() throws {
        for category in SceneCategory.allCases {
            for seed: UInt64 in [1, 2, 3, 4] {
                for (c, scene) in try renderAllCases(category, seed: seed * 1000, longSide: seed == 4 ? 128 : 256) {
                    let derived = Self.derive(scene.annotation).sorted()
                    XCTAssertEqual(derived, c.types, "\(category) seed \(seed): drawn \(c), annotation implies \(derived)")
                }
            }
        }
    }

    static func derive(_ a: ImageAnnotation) -> [String] {
        switch a.category {
        case "breakfast_box": return breakfastBox(a)
        case "juice_bottle": return juiceBottle(a)
        case "pushpins": return pushpins(a)
        case "screw_bag": return screwBag(a)
        default: return splicingConnectors(a)
        }
    }

    static func inside(_ p: Part, _ region: Part) -> Bool { region.box.contains(x: p.box.centerX, y: p.box.centerY) }
    static func number(_ p: Part, _ name: String) -> Double { p[attribute: name]!.numberValue! }
    static func word(_ p: Part, _ name: String) -> String { p[attribute: name]!.stringValue! }

    static func breakfastBox(_ a: ImageAnnotation) -> [String] {
        let comps = a.parts(of: "compartment")
        let left = comps.first { word($0, "side") == "left" }!, right = comps.first { word($0, "side") == "right" }!
        let fruit = a.parts.filter { $0.cls == "tangerine" || $0.cls == "nectarine" }
        let piles = a.parts.filter { ["cereal", "banana_chips", "almonds"].contains($0.cls) }
        if !fruit.isEmpty && fruit.allSatisfy({ inside($0, right) }) && !piles.isEmpty && piles.allSatisfy({ inside($0, left) }) {
            return ["compartments_swapped"]
        }
        var types: [String] = []
        let n = fruit.filter { $0.cls == "nectarine" && inside($0, left) }.count
        let t = fruit.filter { $0.cls == "tangerine" && inside($0, left) }.count
        if (n, t) != (1, 2) { types.append("\(n)_nectarine\(n == 1 ? "" : "s")_\(t)_tangerine\(t == 1 ? "" : "s")") }
        func coverage(_ cls: String) -> Double? { piles.first { $0.cls == cls && inside($0, right) }.map { number($0, "coverage") } }
        let c = coverage("cereal"), b = coverage("banana_chips"), m = coverage("almonds")
        switch (c, b, m) {
        case (nil, nil, nil): types.append("missing_cereals_and_toppings")
        case (_, nil, nil): types.append("missing_toppings")
        case let (c?, b?, m?):
            let total = c + b + m, ratio = (b + m) / c
            if total > 0.72 { types.append("overflow") }
            if total < 0.38 { types.append("underflow") }
            if ratio < 0.28 || ratio > 0.72 { types.append("wrong_ratio") }
        default:
            if c == nil { types.append("missing_cereals") }
            if b == nil { types.append("missing_bananas") }
            if m == nil { types.append("missing_almonds") }
        }
        return types
    }

    static func juiceBottle(_ a: ImageAnnotation) -> [String] {
        let bottle = a.parts(of: "bottle")[0].box
        func uv(_ p: Part) -> (Double, Double) { ((p.box.centerX - bottle.x0) / bottle.width, (p.box.centerY - bottle.y0) / bottle.height) }
        func inZone(_ p: Part, _ v: ClosedRange<Double>) -> Bool { let (x, y) = uv(p); return (0.38...0.62).contains(x) && v.contains(y) }
        let topZone = 0.40...0.60, bottomZone = 0.72...0.90
        var types: [String] = []
        let liquid = a.parts(of: "liquid").first
        if let liquid {
            let fill = number(liquid, "fill")
            if fill > 0.84 { types.append("wrong_fill_level_too_much") }
            if fill < 0.68 { types.append("wrong_fill_level_not_enough") }
        } else {
            types.append("empty_bottle")
        }
        let top = a.parts(of: "top_label").first, bottom = a.parts(of: "bottom_label").first
        if top == nil { types.append("missing_top_label") }
        if bottom == nil { types.append("missing_bottom_label") }
        if let top, let bottom, inZone(top, bottomZone), inZone(bottom, topZone) {
            types.append("swapped_labels")
        } else {
            if let top, !inZone(top, topZone) { types.append("misplaced_label_top") }
            if let bottom, !inZone(bottom, bottomZone) { types.append("misplaced_label_bottom") }
        }
        if let top {
            if let icon = a.parts(of: "fruit_icon").first {
                if abs(icon.box.centerX - top.box.centerX) > 0.15 * top.box.width || abs(icon.box.centerY - top.box.centerY) > 0.15 * top.box.height {
                    types.append("misplaced_fruit_icon")
                }
                let juice = ["yellow": "orange", "red": "cherry", "white": "banana"]
                if let liquid, juice[word(liquid, "colour")] != word(icon, "fruit") { types.append("wrong_juice_type") }
            } else {
                types.append("missing_fruit_icon")
            }
        }
        return types
    }

    static func pushpins(_ a: ImageAnnotation) -> [String] {
        let counts = a.parts(of: "compartment").map { c in a.parts(of: "pushpin").filter { inside($0, c) }.count }
        let extra = counts.map { max(0, $0 - 1) }.reduce(0, +)
        var types: [String] = []
        if extra == 1 { types.append("1_additional_pushpin") }
        if extra == 2 { types.append("2_additional_pushpins") }
        if counts.contains(0) { types.append("missing_pushpin") }
        // Every wall is annotated where it belongs; a missing one is not there (`present` false).
        XCTAssertEqual(a.parts(of: "separator").count, 22)
        if a.parts(of: "separator").contains(where: { $0[attribute: "present"]?.boolValue == false }) { types.append("missing_separator") }
        return types
    }

    static func screwBag(_ a: ImageAnnotation) -> [String] {
        let lengths = a.parts(of: "screw").map { number($0, "length_mm") }
        func within(_ l: Double, _ r: ClosedRange<Double>) -> Bool { l >= r.lowerBound + 1 && l <= r.upperBound - 1 }
        for l in lengths {
            XCTAssertTrue(l < 13 || within(l, 17...23) || within(l, 26...29) || within(l, 31...36) || l > 40, "length \(l) mm too near a class edge")
        }
        let veryShort = lengths.filter { $0 < 14 }.count
        let longRole = lengths.filter { $0 >= 26 }, shortRole = lengths.filter { (17...23).contains($0) }
        var types: [String] = []
        if longRole.contains(where: { $0 > 39 }) { types.append("screw_too_long") }
        if longRole.contains(where: { (26...29).contains($0) }) { types.append("screw_too_short") }
        if veryShort == 2 { types.append("2_very_short_screws") }
        if veryShort == 1 { types.append("1_very_short_screw") }
        if longRole.count == 2 { types.append("1_additional_long_screw") }
        if longRole.isEmpty && veryShort < 2 { types.append("1_missing_long_screw") }
        if shortRole.count == 2 { types.append("1_additional_short_screw") }
        if shortRole.isEmpty && veryShort == 0 { types.append("1_missing_short_screw") }
        for name in ["nut", "washer"] {
            switch a.parts(of: name).count {
            case 3: types.append("1_additional_\(name)")
            case 4: types.append("2_additional_\(name)s")
            case 1: types.append("1_missing_\(name)")
            case 0: types.append("2_missing_\(name)s")
            default: break
            }
        }
        return types
    }

    static func splicingConnectors(_ a: ImageAnnotation) -> [String] {
        let connectors = a.parts(of: "connector"), cables = a.parts(of: "cable")
        if connectors.count == 1 { return cables.isEmpty ? ["missing_connector_and_cable"] : ["missing_connector"] }
        if cables.isEmpty { return ["missing_cable"] }
        let clamps = connectors.map { Int(number($0, "clamps")) }
        var types: [String] = []
        if clamps[0] != clamps[1] {
            types.append("wrong_connector_type_\(clamps.max()!)_\(clamps.min()!)")
        }
        if cables.count == 2 { return types + ["extra_cable"] }
        let cable = cables[0]
        if cable[attribute: "intact"]?.boolValue == false { return types + ["cable_cut"] }
        if number(cable, "left_clamp") != number(cable, "right_clamp") { types.append("wrong_cable_location") }
        if clamps[0] == clamps[1] {
            let colour = [2: "yellow", 3: "blue", 5: "red"][clamps[0]]!
            if word(cable, "colour") != colour { types.append("cable_color") }
            let minimum = [2: 40.0, 3: 50.0, 5: 60.0][clamps[0]]!, length = number(cable, "length_mm")
            XCTAssertTrue(length <= minimum - 8 || length >= minimum + 8, "cable length \(length) within 8 mm of \(minimum)")
            if length < minimum { types.append("cable_too_short_T\(clamps[0])") }
        }
        return types
    }
}
