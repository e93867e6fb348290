import XCTest
import Rules

/// The compiled plan of each shipped rule-book: subqueries in order with their answer types and
/// dependencies, and exactly the LOCO defect types with their coarse classes.
final class PlanTests: XCTestCase {
    /// The LOCO defect type names of each category.
    static let locoTypes: [String: [String]] = [
        "breakfast_box": ["missing_almonds", "missing_bananas", "missing_toppings", "missing_cereals",
                          "missing_cereals_and_toppings", "2_nectarines_1_tangerine", "1_nectarine_1_tangerine",
                          "0_nectarines_2_tangerines", "0_nectarines_3_tangerines", "3_nectarines_0_tangerines",
                          "0_nectarines_1_tangerine", "0_nectarines_0_tangerines", "0_nectarines_4_tangerines",
                          "compartments_swapped", "overflow", "underflow", "wrong_ratio"],
        "juice_bottle": ["missing_top_label", "missing_bottom_label", "swapped_labels", "misplaced_label_top",
                         "misplaced_label_bottom", "empty_bottle", "wrong_fill_level_too_much", "wrong_fill_level_not_enough",
                         "misplaced_fruit_icon", "missing_fruit_icon", "wrong_juice_type"],
        "pushpins": ["1_additional_pushpin", "2_additional_pushpins", "missing_pushpin", "missing_separator"],
        "screw_bag": ["screw_too_long", "screw_too_short", "1_very_short_screw", "2_very_short_screws",
                      "1_additional_long_screw", "1_additional_short_screw", "1_additional_nut", "2_additional_nuts",
                      "1_additional_washer", "2_additional_washers", "1_missing_long_screw", "1_missing_short_screw",
                      "1_missing_nut", "2_missing_nuts", "1_missing_washer", "2_missing_washers"],
        "splicing_connectors": ["wrong_connector_type_5_2", "wrong_connector_type_5_3", "wrong_connector_type_3_2",
                                "cable_too_short_T2", "cable_too_short_T3", "cable_too_short_T5", "missing_connector",
                                "missing_connector_and_cable", "missing_cable", "extra_cable", "cable_color", "cable_cut",
                                "wrong_cable_location"],
    ]

    func testFiveCategoriesAreShipped() {
        XCTAssertEqual(RuleBook.bundledCategories, ["breakfast_box", "juice_bottle", "pushpins", "screw_bag", "splicing_connectors"])
    }

    func testEveryPlanRaisesExactlyTheLOCOTypesWithACoarseClass() throws {
        for (category, types) in Self.locoTypes {
            let plan = try RuleBook.bundled(category).plan
            XCTAssertEqual(plan.category, category)
            XCTAssertEqual(Set(plan.types), Set(types), category)
            XCTAssertEqual(plan.types.count, types.count, category)
            for t in types { XCTAssertNotNil(plan.coarse[t], "\(category) \(t)") }
            // pushpins and screw_bag add local counts (per compartment, per quarter) to their checks.
            XCTAssertTrue((4...10).contains(plan.subqueries.count) || ["pushpins", "screw_bag"].contains(category),
                          "\(category): \(plan.subqueries.count) subqueries")
            // Every subquery comes after those it depends on, and every check reads known subqueries.
            var seen = Set<String>()
            for s in plan.subqueries {
                for d in s.dependencies { XCTAssertTrue(seen.contains(d.subquery), "\(category): \(s.id) before \(d.subquery)") }
                XCTAssertFalse(s.questions.isEmpty)
                XCTAssertFalse(s.parts.isEmpty, "\(category) \(s.id) looks at no part")
                seen.insert(s.id)
            }
            for c in plan.checks { for id in c.inputs.flatMap(\.subqueries) { XCTAssertTrue(seen.contains(id), "\(category) \(c.id): \(id)") } }
        }
    }

    private func shape(_ category: String) throws -> [String] {
        try RuleBook.bundled(category).plan.subqueries.map { s in
            "\(s.id):\(s.answerType)" + (s.dependencies.isEmpty ? "" : "<" + s.dependencies.map(\.subquery).joined(separator: ","))
        }
    }

    func testJuiceBottlePlan() throws {
        XCTAssertEqual(try shape("juice_bottle"), ["juice:enum", "fill:level<juice", "top_label:enum", "bottom_label:enum",
                                                   "fruit_icon:enum<top_label", "icon_centred:yes/no<fruit_icon",
                                                   "juice_fits_icon:yes/no<juice,fruit_icon"])
        let plan = try RuleBook.bundled("juice_bottle").plan
        XCTAssertEqual(plan.subquery("juice")?.choices, ["yellow", "red", "white"])
        XCTAssertEqual(plan.subquery("top_label")?.choices, ["top_zone", "bottom_zone", "elsewhere"])
        XCTAssertEqual(plan.subquery("top_label")?.parts, ["top_label", "bottle"])
        XCTAssertEqual(plan.subquery("icon_centred")?.parts, ["fruit_icon", "top_label"])
        XCTAssertEqual(plan.supersedes["missing_top_label"], ["misplaced_fruit_icon", "missing_fruit_icon", "wrong_juice_type"])
        XCTAssertEqual(plan.coarse["wrong_juice_type"], .composition)
        XCTAssertEqual(plan.coarse["swapped_labels"], .layout)
        XCTAssertEqual(plan.coarse["empty_bottle"], .quantity)
    }

    func testBreakfastBoxPlan() throws {
        XCTAssertEqual(try shape("breakfast_box"), ["fruit_side:enum", "nectarines:count", "tangerines:count",
                                                    "cereal:level", "banana_chips:level", "almonds:level"])
        let plan = try RuleBook.bundled("breakfast_box").plan
        XCTAssertEqual(plan.checks.first { $0.id == "topping_ratio" }?.inputs, [.ratio(["banana_chips", "almonds"], ["cereal"])])
        XCTAssertEqual(plan.supersedes["missing_cereals_and_toppings"], ["missing_cereals", "missing_toppings"])
    }

    func testPushpinsPlan() throws {
        // The compartments in a fixed order, each after the one before; the totals after the last.
        let cells = (0..<3).flatMap { row in (0..<5).map { "pins_c\(row)\($0)" } }
        let chained = cells.indices.map { $0 == 0 ? "\(cells[0]):count" : "\(cells[$0]):count<\(cells[$0 - 1])" }
        XCTAssertEqual(try shape("pushpins"), chained + ["extra_pushpins:count<pins_c24", "empty_compartments:box list<pins_c24", "separators:count"])
        let plan = try RuleBook.bundled("pushpins").plan
        XCTAssertEqual(plan.subqueries.filter { !$0.listsBoxes }.map(\.id), cells, "a compartment count lists no pin boxes")
    }

    func testScrewBagPlan() throws {
        // The quarters in a fixed order, each count after the one before; the totals after the last.
        let quarters = ["tl", "tr", "bl", "br"].flatMap { q in ["nuts_\(q)", "washers_\(q)", "screws_\(q)"] }
        let chained = quarters.indices.map { $0 == 0 ? "\(quarters[0]):count" : "\(quarters[$0]):count<\(quarters[$0 - 1])" }
        XCTAssertEqual(try shape("screw_bag"), chained + ["long_screws:count<screws_br", "long_screw_length:enum<long_screws",
                                                          "short_screws:count<screws_br", "very_short_screws:count<screws_br",
                                                          "nuts:count<screws_br", "washers:count<screws_br"])
        let plan = try RuleBook.bundled("screw_bag").plan
        XCTAssertEqual(plan.subquery("long_screw_length")?.choices, ["very_short", "short", "too_short", "long", "too_long"])
        // The counts are one number each; only the length step boxes its screw.
        XCTAssertEqual(plan.subqueries.filter { !$0.listsBoxes }.map(\.id),
                       quarters + ["long_screws", "short_screws", "very_short_screws", "nuts", "washers"])
    }

    func testSplicingConnectorsPlan() throws {
        XCTAssertEqual(try shape("splicing_connectors"), ["connectors:count", "cables:count", "left_clamps:enum<connectors",
                                                          "right_clamps:enum<connectors", "cable_colour:enum<cables",
                                                          "cable_intact:yes/no<cables", "left_end:enum<cable_intact",
                                                          "right_end:enum<left_end", "cable_ends:yes/no<left_end,right_end",
                                                          "cable_length:level<cable_intact"])
        let plan = try RuleBook.bundled("splicing_connectors").plan
        XCTAssertEqual(plan.subquery("left_clamps")?.choices, ["2", "3", "5"])
        // Each end is read on its own connector; the equality is the rule engine's, restated by `cable_ends`.
        XCTAssertEqual(plan.subquery("left_end")?.choices, ["0", "1", "2", "3", "4"])
        XCTAssertEqual(plan.subquery("right_end")?.choices, ["0", "1", "2", "3", "4"])
    }

    func testReadableTextListsSubqueriesChecksAndTypes() throws {
        let text = try RuleBook.bundled("juice_bottle").plan.readableText
        XCTAssertTrue(text.hasPrefix("plan for juice_bottle: 7 subqueries, 10 checks, 11 defect types"))
        XCTAssertTrue(text.contains("  7. juice_fits_icon: yes/no\n"), text)
        XCTAssertTrue(text.contains("     holds: icon_matches_juice, restating juice, fruit_icon"), text)
        XCTAssertTrue(text.contains("  5. fruit_icon: enum (orange | cherry | banana)"))
        XCTAssertTrue(text.contains("     after: top_label found"))
        XCTAssertTrue(text.contains("     otherwise -> wrong_juice_type"))
        XCTAssertTrue(text.contains("     normal: fill in 0.72..0.8"))
        XCTAssertTrue(text.contains("     fill >0.84 -> wrong_fill_level_too_much"))
        XCTAssertTrue(text.contains("  swapped_labels (layout)  supersedes misplaced_label_top, misplaced_label_bottom"))
    }

    func testUnknownCategoryListsTheKnownOnes() {
        XCTAssertThrowsError(try RuleBook.bundled("teapot")) { error in
            XCTAssertEqual(error as? RulesError, .unknownCategory("teapot", known: RuleBook.bundledCategories))
            XCTAssertTrue("\(error)".contains("breakfast_box, juice_bottle, pushpins, screw_bag, splicing_connectors"))
        }
    }
}
