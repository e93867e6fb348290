import Annotations

/// The five LOCO-like products the renderer draws, with their image shapes and logical types.
public enum SceneCategory: String, CaseIterable, Sendable, CustomStringConvertible {
    case breakfastBox = "breakfast_box"
    case juiceBottle = "juice_bottle"
    case pushpins = "pushpins"
    case screwBag = "screw_bag"
    case splicingConnectors = "splicing_connectors"

    public var description: String { rawValue }

    /// The category with this LOCO name; throws an error listing the valid names otherwise.
    public init(named name: String) throws {
        guard let c = SceneCategory(rawValue: name) else {
            throw SceneError.unknownCategory(name, valid: SceneCategory.allCases.map(\.rawValue))
        }
        self = c
    }

    /// LOCO's image proportions (width, height), as pixels at 256 on the long side.
    var proportions: (width: Int, height: Int) {
        switch self {
        case .breakfastBox: return (256, 205)
        case .juiceBottle: return (128, 256)
        case .pushpins: return (256, 151)
        case .screwBag: return (256, 176)
        case .splicingConnectors: return (256, 128)
        }
    }

    /// The image size with `longSide` pixels on the long side, in LOCO's aspect ratio.
    public func imageSize(longSide: Int) -> (width: Int, height: Int) {
        let p = proportions
        let long = Double(max(p.width, p.height))
        func side(_ v: Int) -> Int { max(1, Int((Double(v) / long * Double(longSide)).rounded())) }
        return (side(p.width), side(p.height))
    }

    /// The logical defect types, spelled and ordered as in the design notes (LOCO's names).
    public var logicalTypes: [String] {
        switch self {
        case .breakfastBox:
            return ["missing_almonds", "missing_bananas", "missing_toppings", "missing_cereals",
                    "missing_cereals_and_toppings", "2_nectarines_1_tangerine", "1_nectarine_1_tangerine",
                    "0_nectarines_2_tangerines", "0_nectarines_3_tangerines", "3_nectarines_0_tangerines",
                    "0_nectarines_1_tangerine", "0_nectarines_0_tangerines", "0_nectarines_4_tangerines",
                    "compartments_swapped", "overflow", "underflow", "wrong_ratio"]
        case .juiceBottle:
            return ["missing_top_label", "missing_bottom_label", "swapped_labels", "misplaced_label_top",
                    "misplaced_label_bottom", "empty_bottle", "wrong_fill_level_too_much",
                    "wrong_fill_level_not_enough", "misplaced_fruit_icon", "missing_fruit_icon", "wrong_juice_type"]
        case .pushpins:
            return ["1_additional_pushpin", "2_additional_pushpins", "missing_pushpin", "missing_separator"]
        case .screwBag:
            return ["screw_too_long", "screw_too_short", "1_very_short_screw", "2_very_short_screws",
                    "1_additional_long_screw", "1_additional_short_screw", "1_additional_nut", "2_additional_nuts",
                    "1_additional_washer", "2_additional_washers", "1_missing_long_screw", "1_missing_short_screw",
                    "1_missing_nut", "2_missing_nuts", "1_missing_washer", "2_missing_washers"]
        case .splicingConnectors:
            return ["wrong_connector_type_5_2", "wrong_connector_type_5_3", "wrong_connector_type_3_2",
                    "cable_too_short_T2", "cable_too_short_T3", "cable_too_short_T5", "missing_connector",
                    "missing_connector_and_cable", "missing_cable", "extra_cable", "cable_color", "cable_cut",
                    "wrong_cable_location"]
        }
    }

    /// Every defect case the renderer draws: each single type, then the cases that carry several
    /// types at once (a moved pushpin, swapped screw-bag parts, both juice labels missing).
    public var defectCases: [DefectCase] {
        let singles = logicalTypes.map { DefectCase([$0]) }
        switch self {
        case .juiceBottle:
            return singles + [DefectCase(["missing_top_label", "missing_bottom_label"])]
        case .pushpins:
            return singles + [DefectCase(["1_additional_pushpin", "missing_pushpin"])]
        case .screwBag:
            return singles + [DefectCase(["1_additional_nut", "1_missing_washer"]),
                              DefectCase(["1_additional_washer", "1_missing_nut"]),
                              DefectCase(["1_additional_long_screw", "1_missing_short_screw"]),
                              DefectCase(["1_additional_short_screw", "1_missing_long_screw"])]
        case .breakfastBox, .splicingConnectors:
            return singles
        }
    }

    /// Whether `SceneRenderer.renderVaried` draws this product: the products whose rules are
    /// counts of many small parts (pins per compartment; screws, nuts and washers) or yes/no
    /// checks that a LOCO case rarely fails (the juice bottle's icon, the splicing cable's cut
    /// and its ends). breakfast_box's cases already vary its counts.
    public var isVaried: Bool { self != .breakfastBox }

    /// The names of the products with varied scenes, for messages: "juice_bottle, pushpins, ...".
    public static var variedNames: String { allCases.filter(\.isVaried).map(\.rawValue).joined(separator: ", ") }

    /// The category's `defects_config.json`. Juice bottle keeps LOCO's own pixel values; the
    /// others count down from 255 in the order of `logicalTypes`. Thresholds are LOCO's
    /// relative form (1.0 of the region), which LOCO uses for most of its logical types.
    public var defectsConfig: DefectsConfig {
        let juiceValues: [String: Int] = [
            "missing_top_label": 255, "missing_bottom_label": 254, "swapped_labels": 253,
            "misplaced_label_top": 250, "misplaced_label_bottom": 249, "empty_bottle": 247,
            "wrong_fill_level_too_much": 246, "wrong_fill_level_not_enough": 245,
            "misplaced_fruit_icon": 244, "missing_fruit_icon": 243, "wrong_juice_type": 240,
        ]
        let juiceAbsolute: [String: Double] = [
            "missing_top_label": 70400, "missing_bottom_label": 32700, "swapped_labels": 140800,
            "misplaced_label_top": 70400, "misplaced_label_bottom": 32700, "wrong_juice_type": 4500,
        ]
        return DefectsConfig(entries: logicalTypes.enumerated().map { i, name in
            if self == .juiceBottle {
                let absolute = juiceAbsolute[name]
                return DefectTypeConfig(defectName: name, pixelValue: juiceValues[name]!,
                                        saturationThreshold: absolute ?? 1.0, relativeSaturation: absolute == nil)
            }
            return DefectTypeConfig(defectName: name, pixelValue: 255 - i, saturationThreshold: 1.0, relativeSaturation: true)
        })
    }
}
