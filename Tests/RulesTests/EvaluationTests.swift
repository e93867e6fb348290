import XCTest
import Annotations
import Rules

/// Checks evaluated over answers that did not come from annotations, as a parsed model output gives them.
final class EvaluationTests: XCTestCase {
    func testVerdictFromParsedAnswers() throws {
        let plan = try RuleBook.bundled("juice_bottle").plan
        let answers: [String: Answer] = ["juice": .choice("red"), "fill": .level(0.9), "top_label": .choice("top_zone"),
                                         "bottom_label": .choice("bottom_zone"), "fruit_icon": .choice("orange"),
                                         "icon_centred": .yesNo(true), "juice_fits_icon": .yesNo(false)]
        let e = plan.evaluate(answers)
        XCTAssertEqual(e.types, ["wrong_fill_level_too_much", "wrong_juice_type"])
        XCTAssertEqual(e.coarse, [.quantity, .composition])
        XCTAssertEqual(e.unanswered, [])
        XCTAssertFalse(e.isNormal)
    }

    func testSupersededTypesAreRaisedButNotInTheVerdict() throws {
        let plan = try RuleBook.bundled("juice_bottle").plan
        let e = plan.evaluate(["juice": .choice("red"), "fill": .level(0.76), "top_label": .choice("bottom_zone"),
                               "bottom_label": .choice("top_zone"), "fruit_icon": .choice("cherry"), "icon_centred": .yesNo(true)])
        XCTAssertEqual(e.raised, ["swapped_labels", "misplaced_label_top", "misplaced_label_bottom"])
        XCTAssertEqual(e.types, ["swapped_labels"])
    }

    func testMissingAnswersAreReportedOnlyWhenTheSubqueryApplies() throws {
        let plan = try RuleBook.bundled("juice_bottle").plan
        // The top label is absent: the icon questions do not apply, and the fill was not answered.
        let e = plan.evaluate(["juice": .choice("white"), "top_label": .absent, "bottom_label": .choice("bottom_zone")])
        XCTAssertEqual(e.unanswered, ["fill"])
        XCTAssertEqual(e.types, ["missing_top_label"])
        let status = Dictionary(uniqueKeysWithValues: e.outcomes.map { ($0.check, $0.status) })
        XCTAssertEqual(status["fill_band"], .unanswered)
        XCTAssertEqual(status["icon_present"], .notApplicable)
        XCTAssertEqual(status["top_label_position"], .notApplicable)
    }

    func testValuesNoCaseNamesGiveAnUnclassifiedAnomaly() throws {
        let plan = try RuleBook.bundled("breakfast_box").plan
        let e = plan.evaluate(["fruit_side": .choice("left_compartment"), "nectarines": .count(1), "tangerines": .count(3),
                               "cereal": .level(0.37), "banana_chips": .level(0.1), "almonds": .level(0.07)])
        XCTAssertEqual(e.types, [])
        XCTAssertEqual(e.unclassified, ["fruit_counts"])
        XCTAssertFalse(e.isNormal)
    }

    func testAmountsAreDerivedFromLevels() throws {
        let plan = try RuleBook.bundled("breakfast_box").plan
        func verdict(_ c: Double, _ b: Double, _ a: Double) -> [String] {
            plan.evaluate(["fruit_side": .choice("left_compartment"), "nectarines": .count(1), "tangerines": .count(2),
                           "cereal": .level(c), "banana_chips": .level(b), "almonds": .level(a)]).types
        }
        XCTAssertEqual(verdict(0.40, 0.10, 0.08), [])          // total 0.58, ratio 0.45
        XCTAssertEqual(verdict(0.52, 0.12, 0.09), ["overflow"]) // total 0.73
        XCTAssertEqual(verdict(0.26, 0.06, 0.05), ["underflow"]) // total 0.37, ratio 0.42
        XCTAssertEqual(verdict(0.40, 0.05, 0.05), ["wrong_ratio"]) // ratio 0.25
        XCTAssertEqual(verdict(0.32, 0.13, 0.11), ["wrong_ratio"]) // ratio 0.75
    }

    func testCountChecksReadBoxLists() throws {
        let plan = try RuleBook.bundled("pushpins").plan
        let cell = Box(x0: 8, y0: 8, x1: 56, y1: 53)
        // The totals are asked after the fifteen compartment counts.
        var cells: [String: Answer] = [:]
        for row in 0..<3 { for column in 0..<5 { cells["pins_c\(row)\(column)"] = .count(1) } }
        cells["pins_c12"] = .count(0)
        func verdict(_ answers: [String: Answer]) -> [String] { plan.evaluate(answers.merging(cells) { a, _ in a }).types }
        XCTAssertEqual(verdict(["extra_pushpins": .count(0), "empty_compartments": .boxes([cell]), "separators": .count(22)]), ["missing_pushpin"])
        XCTAssertEqual(verdict(["extra_pushpins": .count(0), "empty_compartments": .boxes([]), "separators": .count(22)]), [])
        // Without the compartment counts the totals were not asked: nothing is raised from them.
        cells = [:]
        XCTAssertEqual(verdict(["extra_pushpins": .count(2), "empty_compartments": .boxes([cell]), "separators": .count(22)]), [])
    }

    func testUnorderedCasesMatchEitherOrder() throws {
        let plan = try RuleBook.bundled("splicing_connectors").plan
        func verdict(_ l: String, _ r: String) -> [String] {
            plan.evaluate(["connectors": .count(2), "cables": .count(1), "left_clamps": .choice(l), "right_clamps": .choice(r),
                           "cable_colour": .choice("red"), "cable_intact": .yesNo(true), "left_end": .choice("1"),
                           "right_end": .choice("1"), "cable_ends": .yesNo(true), "cable_length": .level(70)]).types
        }
        XCTAssertEqual(verdict("5", "3"), ["wrong_connector_type_5_3"])
        XCTAssertEqual(verdict("3", "5"), ["wrong_connector_type_5_3"])
        XCTAssertEqual(verdict("5", "5"), [])
    }

    func testCableLocationComparesTheEndsReadOnEachConnector() throws {
        let plan = try RuleBook.bundled("splicing_connectors").plan
        func verdict(_ left: String, _ right: String, intact: Bool = true) -> [String] {
            plan.evaluate(["connectors": .count(2), "cables": .count(1), "left_clamps": .choice("5"), "right_clamps": .choice("5"),
                           "cable_colour": .choice("red"), "cable_intact": .yesNo(intact), "left_end": .choice(left),
                           "right_end": .choice(right), "cable_length": .level(70)]).types
        }
        XCTAssertEqual(verdict("2", "2"), [])
        XCTAssertEqual(verdict("2", "3"), ["wrong_cable_location"])
        XCTAssertEqual(verdict("4", "0"), ["wrong_cable_location"])
        // A cut cable's ends are not compared: the cut supersedes where they sit.
        XCTAssertEqual(verdict("2", "3", intact: false), ["cable_cut"])
    }
}

final class AnswerParsingTests: XCTestCase {
    func testWordsAreReadAsTheSubqueryAnswerType() throws {
        let plan = try RuleBook.bundled("juice_bottle").plan
        let juice = plan.subquery("juice")!, fill = plan.subquery("fill")!, centred = plan.subquery("icon_centred")!
        XCTAssertEqual(juice.answer(parsing: "red"), .choice("red"))
        XCTAssertNil(juice.answer(parsing: "purple"))
        XCTAssertEqual(juice.answer(parsing: "absent"), .absent)
        XCTAssertEqual(fill.answer(parsing: "0.74"), .level(0.74))
        XCTAssertNil(fill.answer(parsing: "high"))
        XCTAssertEqual(centred.answer(parsing: "no"), .yesNo(false))
        XCTAssertNil(centred.answer(parsing: "maybe"))
        let nuts = try RuleBook.bundled("screw_bag").plan.subquery("nuts")!
        XCTAssertEqual(nuts.answer(parsing: "3"), .count(3))
        XCTAssertNil(nuts.answer(parsing: "-1"))
        XCTAssertNil(nuts.answer(parsing: "2.5"))
    }
}

final class DependencyTests: XCTestCase {
    static let book = """
    category: bolts
    parts:
      bolt: {finish: [bright, dull]}
    subqueries:
      - id: bolts
        observe: {count: bolt}
      - id: finish
        observe: {attribute: finish, of: bolt}
        after: [{bolts: 1}]
    constraints:
      - {id: one_bolt, kind: count, coarse: quantity, over: bolts, normal: 1, otherwise: wrong_bolt_count}
      - {id: bright, kind: match, coarse: composition, over: finish, normal: bright, otherwise: dull_bolt}
    """

    func testAValueDependencyGatesTheLaterSubquery() throws {
        let plan = try RuleBook(yaml: Self.book, file: "bolts.yaml").plan
        XCTAssertEqual(plan.subquery("finish")?.dependencies, [Dependency(subquery: "bolts", value: .number(1))])
        XCTAssertEqual(plan.evaluate(["bolts": .count(1), "finish": .choice("dull")]).types, ["dull_bolt"])
        // With two bolts the finish is not asked: a finish answer given anyway is ignored.
        let two = plan.evaluate(["bolts": .count(2), "finish": .choice("dull")])
        XCTAssertEqual(two.types, ["wrong_bolt_count"])
        XCTAssertEqual(two.unanswered, [])
        XCTAssertEqual(plan.evaluate(["bolts": .count(1)]).unanswered, ["finish"])
    }
}
