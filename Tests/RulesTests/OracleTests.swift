import XCTest
import Annotations
import Rules

/// The oracle on hand-built annotations: normal images give no type, and each edit gives exactly
/// the types docs/annotations.md assigns to it (after supersedes).
final class OracleTests: XCTestCase {
    private func assertTypes(_ category: String, _ cases: [(String, ImageAnnotation, [String])],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = Oracle(plan: try RuleBook.bundled(category).plan)
        for (name, annotation, expected) in cases {
            let result = try oracle.run(annotation)
            XCTAssertEqual(Set(result.types), Set(expected), "\(category) \(name): trail \(result.trail.map { "\($0.subquery)=\($0.answer)" })",
                           file: file, line: line)
            XCTAssertEqual(result.evaluation.isNormal, expected.isEmpty, "\(category) \(name)", file: file, line: line)
            XCTAssertEqual(result.evaluation.unanswered, [], file: file, line: line)
        }
    }

    /// Every type of the rule-book is produced by some case, so a case list cannot miss one.
    private func assertCoversAllTypes(_ category: String, _ cases: [(String, ImageAnnotation, [String])]) throws {
        let types = try RuleBook.bundled(category).plan.types
        XCTAssertEqual(Set(cases.flatMap(\.2)), Set(types), category)
    }

    func testBreakfastBox() throws {
        let b = HandBuilt.breakfastBox
        let cases: [(String, ImageAnnotation, [String])] = [
            ("normal", b(1, 2, 0.37, 0.10, 0.075, false), []),
            ("no almonds", b(1, 2, 0.37, 0.10, nil, false), ["missing_almonds"]),
            ("no bananas", b(1, 2, 0.37, nil, 0.075, false), ["missing_bananas"]),
            ("no toppings", b(1, 2, 0.37, nil, nil, false), ["missing_toppings"]),
            ("no cereal", b(1, 2, nil, 0.10, 0.075, false), ["missing_cereals"]),
            ("no piles", b(1, 2, nil, nil, nil, false), ["missing_cereals_and_toppings"]),
            ("2n 1t", b(2, 1, 0.37, 0.10, 0.075, false), ["2_nectarines_1_tangerine"]),
            ("1n 1t", b(1, 1, 0.37, 0.10, 0.075, false), ["1_nectarine_1_tangerine"]),
            ("0n 2t", b(0, 2, 0.37, 0.10, 0.075, false), ["0_nectarines_2_tangerines"]),
            ("0n 3t", b(0, 3, 0.37, 0.10, 0.075, false), ["0_nectarines_3_tangerines"]),
            ("3n 0t", b(3, 0, 0.37, 0.10, 0.075, false), ["3_nectarines_0_tangerines"]),
            ("0n 1t", b(0, 1, 0.37, 0.10, 0.075, false), ["0_nectarines_1_tangerine"]),
            ("0n 0t", b(0, 0, 0.37, 0.10, 0.075, false), ["0_nectarines_0_tangerines"]),
            ("0n 4t", b(0, 4, 0.37, 0.10, 0.075, false), ["0_nectarines_4_tangerines"]),
            ("swapped", b(1, 2, 0.37, 0.10, 0.075, true), ["compartments_swapped"]),
            ("overflow", b(1, 2, 0.50, 0.13, 0.10, false), ["overflow"]),
            ("underflow", b(1, 2, 0.25, 0.06, 0.05, false), ["underflow"]),
            ("wrong ratio", b(1, 2, 0.40, 0.02, 0.02, false), ["wrong_ratio"]),
            ("ratio too high", b(1, 2, 0.34, 0.16, 0.12, false), ["wrong_ratio"]),
            ("two fruit types and a missing pile", b(2, 1, 0.37, 0.10, nil, false), ["2_nectarines_1_tangerine", "missing_almonds"]),
        ]
        try assertTypes("breakfast_box", cases)
        try assertCoversAllTypes("breakfast_box", cases)
    }

    func testJuiceBottle() throws {
        let j = HandBuilt.juiceBottle
        let cases: [(String, ImageAnnotation, [String])] = [
            ("normal cherry", j("red", 0.76, (0.5, 0.5), (0.5, 0.8), "cherry", 0), []),
            ("normal orange", j("yellow", 0.73, (0.5, 0.5), (0.5, 0.8), "orange", 0.1), []),
            ("normal banana", j("white", 0.79, (0.45, 0.55), (0.55, 0.75), "banana", 0), []),
            ("no top label", j("red", 0.76, nil, (0.5, 0.8), "cherry", 0), ["missing_top_label"]),
            ("no bottom label", j("red", 0.76, (0.5, 0.5), nil, "cherry", 0), ["missing_bottom_label"]),
            ("no labels", j("red", 0.76, nil, nil, "cherry", 0), ["missing_top_label", "missing_bottom_label"]),
            ("swapped", j("red", 0.76, (0.5, 0.8), (0.5, 0.5), "cherry", 0), ["swapped_labels"]),
            ("top too high", j("red", 0.76, (0.5, 0.3), (0.5, 0.8), "cherry", 0), ["misplaced_label_top"]),
            ("bottom too high", j("red", 0.76, (0.5, 0.5), (0.5, 0.66), "cherry", 0), ["misplaced_label_bottom"]),
            ("bottom off-centre", j("red", 0.76, (0.5, 0.5), (0.7, 0.8), "cherry", 0), ["misplaced_label_bottom"]),
            ("empty", j(nil, 0, (0.5, 0.5), (0.5, 0.8), "cherry", 0), ["empty_bottle"]),
            ("too much", j("red", 0.88, (0.5, 0.5), (0.5, 0.8), "cherry", 0), ["wrong_fill_level_too_much"]),
            ("not enough", j("red", 0.60, (0.5, 0.5), (0.5, 0.8), "cherry", 0), ["wrong_fill_level_not_enough"]),
            ("icon off-centre", j("red", 0.76, (0.5, 0.5), (0.5, 0.8), "cherry", 0.3), ["misplaced_fruit_icon"]),
            ("no icon", j("red", 0.76, (0.5, 0.5), (0.5, 0.8), nil, 0), ["missing_fruit_icon"]),
            ("wrong juice", j("red", 0.76, (0.5, 0.5), (0.5, 0.8), "banana", 0), ["wrong_juice_type"]),
        ]
        try assertTypes("juice_bottle", cases)
        try assertCoversAllTypes("juice_bottle", cases)
    }

    func testPushpins() throws {
        func grid(_ edit: (inout [[Int]]) -> Void) -> [[Int]] {
            var g = Array(repeating: Array(repeating: 1, count: 5), count: 3)
            edit(&g)
            return g
        }
        let p = { (pins: [[Int]], missing: Int) in HandBuilt.pushpins(pins: pins, missingSeparators: missing) }
        let cases: [(String, ImageAnnotation, [String])] = [
            ("normal", p(grid { _ in }, 0), []),
            ("one extra", p(grid { $0[0][0] = 2 }, 0), ["1_additional_pushpin"]),
            ("two extra in one", p(grid { $0[1][2] = 3 }, 0), ["2_additional_pushpins"]),
            ("two extra apart", p(grid { $0[0][0] = 2; $0[2][4] = 2 }, 0), ["2_additional_pushpins"]),
            ("missing", p(grid { $0[2][3] = 0 }, 0), ["missing_pushpin"]),
            ("moved to neighbour", p(grid { $0[1][1] = 0; $0[1][2] = 2 }, 0), ["1_additional_pushpin", "missing_pushpin"]),
            ("missing separator", p(grid { _ in }, 1), ["missing_separator"]),
            ("all walls flagged present", HandBuilt.pushpins(presentFlags: true), []),
            ("missing separator flagged", HandBuilt.pushpins(missingSeparators: 1, presentFlags: true), ["missing_separator"]),
        ]
        try assertTypes("pushpins", cases)
        try assertCoversAllTypes("pushpins", cases)
    }

    func testScrewBag() throws {
        let s = HandBuilt.screwBag
        let cases: [(String, ImageAnnotation, [String])] = [
            ("normal", s([33, 20], 2, 2), []),
            ("normal at class edges", s([31, 23], 2, 2), []),
            ("too long", s([42, 20], 2, 2), ["screw_too_long"]),
            ("too short", s([27, 20], 2, 2), ["screw_too_short"]),
            ("one very short", s([33, 12], 2, 2), ["1_very_short_screw"]),
            ("two very short", s([12, 11], 2, 2), ["2_very_short_screws"]),
            ("extra long", s([33, 20, 34], 2, 2), ["1_additional_long_screw"]),
            ("extra short", s([33, 20, 18], 2, 2), ["1_additional_short_screw"]),
            ("extra nut", s([33, 20], 3, 2), ["1_additional_nut"]),
            ("two extra nuts", s([33, 20], 4, 2), ["2_additional_nuts"]),
            ("extra washer", s([33, 20], 2, 3), ["1_additional_washer"]),
            ("two extra washers", s([33, 20], 2, 4), ["2_additional_washers"]),
            ("no long", s([20], 2, 2), ["1_missing_long_screw"]),
            ("no short", s([33], 2, 2), ["1_missing_short_screw"]),
            ("one nut", s([33, 20], 1, 2), ["1_missing_nut"]),
            ("no nut", s([33, 20], 0, 2), ["2_missing_nuts"]),
            ("one washer", s([33, 20], 2, 1), ["1_missing_washer"]),
            ("no washer", s([33, 20], 2, 0), ["2_missing_washers"]),
            ("nut for washer", s([33, 20], 3, 1), ["1_additional_nut", "1_missing_washer"]),
            ("short for long", s([20, 20], 2, 2), ["1_missing_long_screw", "1_additional_short_screw"]),
        ]
        try assertTypes("screw_bag", cases)
        try assertCoversAllTypes("screw_bag", cases)
    }

    func testScrewBagIsCountedQuarterByQuarter() throws {
        // The hand-built bag: both screws in the top left quarter, the nuts in the bottom left, the
        // washers in the bottom right (a part belongs to the quarter holding its box's centre).
        let trail = Oracle(plan: try RuleBook.bundled("screw_bag").plan).answers(for: HandBuilt.screwBag())
        let answers = Dictionary(uniqueKeysWithValues: trail.map { ($0.subquery, $0.answer) })
        let expected: [String: Int] = ["nuts_tl": 0, "washers_tl": 0, "screws_tl": 2, "nuts_tr": 0, "washers_tr": 0, "screws_tr": 0,
                                       "nuts_bl": 2, "washers_bl": 0, "screws_bl": 0, "nuts_br": 0, "washers_br": 2, "screws_br": 0,
                                       "nuts": 2, "washers": 2]
        for (id, count) in expected { XCTAssertEqual(answers[id], .count(count), id) }
        // The quarters in a fixed order, then the totals.
        XCTAssertEqual(Array(trail.prefix(12).map(\.subquery)),
                       ["tl", "tr", "bl", "br"].flatMap { q in ["nuts_\(q)", "washers_\(q)", "screws_\(q)"] })
    }

    func testSplicingConnectors() throws {
        let s = HandBuilt.splicingConnectors
        let cases: [(String, ImageAnnotation, [String])] = [
            ("normal 3", s(3, 3, 1, "blue", (1, 1), 58, true), []),
            ("normal 2", s(2, 2, 1, "yellow", (0, 0), 50, true), []),
            ("normal 5", s(5, 5, 1, "red", (4, 4), 70, true), []),
            ("5 and 2", s(5, 2, 1, "red", (1, 1), 70, true), ["wrong_connector_type_5_2"]),
            ("2 and 5", s(2, 5, 1, "yellow", (1, 1), 30, true), ["wrong_connector_type_5_2"]),
            ("5 and 3", s(5, 3, 1, "red", (1, 1), 70, true), ["wrong_connector_type_5_3"]),
            ("3 and 2", s(3, 2, 1, "yellow", (1, 1), 58, true), ["wrong_connector_type_3_2"]),
            ("short T2", s(2, 2, 1, "yellow", (1, 1), 30, true), ["cable_too_short_T2"]),
            ("short T3", s(3, 3, 1, "blue", (1, 1), 40, true), ["cable_too_short_T3"]),
            ("short T5", s(5, 5, 1, "red", (1, 1), 50, true), ["cable_too_short_T5"]),
            ("missing connector", s(3, nil, 1, "blue", (1, 1), 58, true), ["missing_connector"]),
            ("missing connector and cable", s(nil, 3, 0, "blue", (1, 1), 58, true), ["missing_connector_and_cable"]),
            ("missing cable", s(3, 3, 0, "blue", (1, 1), 58, true), ["missing_cable"]),
            ("extra cable", s(3, 3, 2, "blue", (1, 1), 58, true), ["extra_cable"]),
            ("colour", s(3, 3, 1, "red", (1, 1), 58, true), ["cable_color"]),
            ("cut", s(3, 3, 1, "blue", (1, 1), 58, false), ["cable_cut"]),
            ("location", s(3, 3, 1, "blue", (0, 2), 58, true), ["wrong_cable_location"]),
            ("colour and location", s(2, 2, 1, "blue", (0, 1), 50, true), ["cable_color", "wrong_cable_location"]),
        ]
        try assertTypes("splicing_connectors", cases)
        try assertCoversAllTypes("splicing_connectors", cases)
    }

    func testEvidenceTrailNamesThePartsAndBoxes() throws {
        let annotation = HandBuilt.juiceBottle(colour: "red", fill: 0.7649, icon: "orange", iconOffset: 0.3)
        let result = try Oracle(plan: try RuleBook.bundled("juice_bottle").plan).run(annotation)
        XCTAssertEqual(result.trail.map(\.subquery), ["juice", "fill", "top_label", "bottom_label", "fruit_icon", "icon_centred",
                                                     "juice_fits_icon"])
        let byId = Dictionary(uniqueKeysWithValues: result.trail.map { ($0.subquery, $0) })
        XCTAssertEqual(byId["juice"]?.answer, .choice("red"))
        XCTAssertEqual(byId["fill"]?.answer, .level(0.76), "fill is quantized to the 0.01 step")
        XCTAssertEqual(byId["top_label"]?.answer, .choice("top_zone"))
        XCTAssertEqual(byId["fruit_icon"]?.answer, .choice("orange"))
        XCTAssertEqual(byId["icon_centred"]?.answer, .yesNo(false))
        let icon = annotation.parts(of: "fruit_icon")[0], label = annotation.parts(of: "top_label")[0]
        XCTAssertEqual(byId["fruit_icon"]?.evidence, [EvidencePart(id: icon.id, cls: "fruit_icon", box: icon.box)])
        XCTAssertEqual(byId["icon_centred"]?.evidence.map(\.box), [icon.box, label.box])
        // The icon_matches_juice check fails over red and orange; the step restates both.
        XCTAssertEqual(byId["juice_fits_icon"]?.answer, .yesNo(false))
        XCTAssertEqual(byId["juice_fits_icon"]?.restated, [.choice("red"), .choice("orange")])
        XCTAssertEqual(byId["juice_fits_icon"]?.evidence.map(\.cls), ["liquid", "fruit_icon"])
        XCTAssertEqual(result.types, ["misplaced_fruit_icon", "wrong_juice_type"])
        XCTAssertEqual(result.evaluation.coarse, [.layout, .composition])
    }

    func testAHoldsSubqueryAnswersWhetherItsCheckPasses() throws {
        let plan = try RuleBook.bundled("juice_bottle").plan
        func fits(_ colour: String?, _ icon: String?) throws -> SubqueryAnswer? {
            try Oracle(plan: plan).run(HandBuilt.juiceBottle(colour: colour, icon: icon)).trail.first { $0.subquery == "juice_fits_icon" }
        }
        for (colour, fruit) in [("yellow", "orange"), ("red", "cherry"), ("white", "banana")] {
            XCTAssertEqual(try fits(colour, fruit)?.answer, .yesNo(true), "\(colour) \(fruit)")
            XCTAssertEqual(try fits(colour, fruit)?.restated, [.choice(colour), .choice(fruit)])
        }
        XCTAssertEqual(try fits("white", "cherry")?.answer, .yesNo(false))
        // Not asked without one of the answers it restates.
        XCTAssertNil(try fits("red", nil))
        XCTAssertNil(try fits(nil, "cherry"))
        let subquery = try XCTUnwrap(plan.subquery("juice_fits_icon"))
        XCTAssertEqual(plan.restatedSubqueries(of: subquery).map(\.id), ["juice", "fruit_icon"])
        XCTAssertFalse(subquery.listsBoxes, "the step restates answers instead of listing boxes")
        XCTAssertEqual(subquery.parts, ["liquid", "fruit_icon"])
    }

    func testDependentSubqueriesAreSkippedWhenTheirPartIsMissing() throws {
        let result = try Oracle(plan: try RuleBook.bundled("juice_bottle").plan).run(HandBuilt.juiceBottle(colour: nil, topLabel: nil))
        XCTAssertEqual(result.trail.map(\.subquery), ["juice", "top_label", "bottom_label"])
        XCTAssertEqual(result.trail[0].answer, .absent)
        XCTAssertEqual(result.types, ["empty_bottle", "missing_top_label"])
    }

    func testCountingStepsListTheBoxesCounted() throws {
        var pins = Array(repeating: Array(repeating: 1, count: 5), count: 3)
        pins[0][1] = 0; pins[2][2] = 2
        let annotation = HandBuilt.pushpins(pins: pins)
        let trail = try Oracle(plan: try RuleBook.bundled("pushpins").plan).run(annotation).trail
        let empty = trail.first { $0.subquery == "empty_compartments" }!
        let cell = annotation.parts.first { $0.cls == "compartment" && $0[attribute: "row"] == 0 && $0[attribute: "col"] == 1 }!
        XCTAssertEqual(empty.answer, .boxes([cell.box]))
        XCTAssertEqual(empty.evidence.map(\.id), [cell.id])
        let extra = trail.first { $0.subquery == "extra_pushpins" }!
        XCTAssertEqual(extra.answer, .count(1))
        XCTAssertEqual(extra.evidence.count, 2, "both pins of the over-full compartment are shown")
    }

    func testAnnotationOfAnotherCategoryIsRefused() throws {
        let oracle = Oracle(plan: try RuleBook.bundled("pushpins").plan)
        XCTAssertThrowsError(try oracle.run(HandBuilt.screwBag(), path: "a.json")) { error in
            XCTAssertEqual(error as? RulesError, .categoryMismatch(annotation: "a.json", annotationCategory: "screw_bag", ruleBookCategory: "pushpins"))
        }
    }
}
