import Annotations
import XCTest
import Rules

/// A malformed rule-book is refused whole, with the file, the line and what is wrong.
final class ParserErrorTests: XCTestCase {
    /// A small valid rule-book; each test breaks one line of it.
    static let valid = """
    category: toy
    parts:
      box:
        side: [left, right]
      ball:
        colour: [red, blue]
        size_mm: {sizes: {small: "<10", big: ">=10"}}
    regions:
      left: {parts: box, where: {side: left}}
    subqueries:
      - id: balls
        observe: {count: ball, in: left}
      - id: colour
        observe: {attribute: colour, of: ball}
        after: [balls]
    constraints:
      - id: ball_count
        kind: count
        coarse: quantity
        over: balls
        normal: 1
        cases:
          - {when: 0, raise: missing_ball}
          - {when: ">=2", raise: extra_ball}
      - id: ball_colour
        kind: match
        coarse: composition
        over: colour
        normal: red
        otherwise: wrong_colour
    supersedes:
      missing_ball: [wrong_colour]
    """

    /// The error of the valid rule-book with each `(old, new)` edit applied in turn.
    private func error(_ edits: [(old: String, new: String)], file: StaticString = #filePath, line: UInt = #line) -> RuleBookError? {
        var text = Self.valid
        for (old, new) in edits {
            XCTAssertTrue(text.contains(old), "test edit does not apply: \(old)", file: file, line: line)
            text = text.replacingOccurrences(of: old, with: new)
        }
        do {
            _ = try RuleBook(yaml: text, file: "toy.yaml")
            XCTFail("accepted a malformed rule-book", file: file, line: line)
            return nil
        } catch let e as RuleBookError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func assertError(_ old: String, _ new: String, line expectedLine: Int, contains text: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        assertError([(old, new)], line: expectedLine, contains: text, file: file, line: line)
    }

    private func assertError(_ edits: [(old: String, new: String)], line expectedLine: Int, contains text: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard let e = error(edits, file: file, line: line) else { return }
        XCTAssertEqual(e.file, "toy.yaml", file: file, line: line)
        XCTAssertEqual(e.line, expectedLine, "\(e)", file: file, line: line)
        XCTAssertTrue(e.message.contains(text), "\(e)", file: file, line: line)
        XCTAssertTrue(e.description.hasPrefix("toy.yaml:\(expectedLine): "), file: file, line: line)
    }

    func testTheValidRuleBookParsesAndWorks() throws {
        let book = try RuleBook(yaml: Self.valid, file: "toy.yaml")
        XCTAssertEqual(book.category, "toy")
        XCTAssertEqual(book.plan.subqueries.map(\.id), ["balls", "colour"])
        XCTAssertEqual(book.plan.subqueries[0].questions, ["How many balls are there in the left?"])
        XCTAssertEqual(book.plan.types, ["missing_ball", "extra_ball", "wrong_colour"])
        XCTAssertEqual(book.plan.evaluate(["balls": .count(1), "colour": .choice("blue")]).types, ["wrong_colour"])
        XCTAssertEqual(book.plan.evaluate(["balls": .count(3), "colour": .choice("red")]).types, ["extra_ball"])
    }

    func testUnknownPartClass() {
        assertError("observe: {count: ball, in: left}", "observe: {count: bal, in: left}", line: 12, contains: "unknown part class 'bal'")
        assertError("left: {parts: box, where", "left: {parts: crate, where", line: 9, contains: "unknown part class 'crate'")
    }

    func testUndefinedRegion() {
        assertError("{count: ball, in: left}", "{count: ball, in: middle}", line: 12, contains: "undefined region 'middle'")
    }

    func testTypeNameUsedTwice() {
        assertError("otherwise: wrong_colour", "otherwise: extra_ball", line: 30, contains: "defect type 'extra_ball' used twice (first at line 24)")
    }

    func testConstraintWithoutDefectType() {
        assertError("    otherwise: wrong_colour\n", "", line: 25, contains: "constraint ball_colour names no defect type")
        assertError("{when: 0, raise: missing_ball}", "{when: 0, raise: []}", line: 23, contains: "names no defect type")
    }

    func testDependencyCycle() {
        assertError("observe: {count: ball, in: left}", "observe: {count: ball, in: left}\n    after: [colour]", line: 11,
                    contains: "dependency cycle: balls -> colour -> balls")
    }

    func testUnknownDependency() {
        assertError("after: [balls]", "after: [bals]", line: 15, contains: "depends on unknown subquery 'bals'")
    }

    func testUnknownSubqueryInConstraint() {
        assertError("over: colour", "over: color", line: 28, contains: "uses unknown subquery 'color'")
    }

    func testUnknownAttribute() {
        assertError("observe: {attribute: colour, of: ball}", "observe: {attribute: shade, of: ball}", line: 14,
                    contains: "part class 'ball' has no attribute 'shade'")
    }

    func testValueOutsideTheAnswers() {
        assertError("normal: red", "normal: green", line: 29, contains: "'green' is not an answer of subquery colour; answers: red, blue")
        assertError("normal: 1", "normal: one", line: 21, contains: "subquery balls answers a count, not 'one'")
    }

    func testHoldsNamesAConstraintWhoseAnswersItFollows() throws {
        let holds = "after: [balls]\n  - id: colour_ok\n    observe: {holds: ball_colour}\n    after: [colour]"
        let book = try RuleBook(yaml: Self.valid.replacingOccurrences(of: "after: [balls]", with: holds), file: "toy.yaml")
        let trail = Oracle(plan: book.plan).answers(for: HandBuilt.annotation("toy", 100, 100, [
            ("box", Box(x0: 0, y0: 0, x1: 50, y1: 100), ["side": .string("left")]),
            ("ball", Box(x0: 10, y0: 10, x1: 20, y1: 20), ["colour": .string("blue")]),
        ]))
        XCTAssertEqual(trail.last?.subquery, "colour_ok")
        XCTAssertEqual(trail.last?.answer, .yesNo(false), "ball_colour fails over blue")
        XCTAssertEqual(trail.last?.restated, [.choice("blue")])
        assertError("after: [balls]", "after: [balls]\n  - id: colour_ok\n    observe: {holds: ball_color}\n    after: [colour]", line: 16,
                    contains: "subquery colour_ok holds 'ball_color', which is not a constraint")
        assertError("after: [balls]", "after: [balls]\n  - id: colour_ok\n    observe: {holds: ball_colour}", line: 16,
                    contains: "subquery colour_ok restates the answers of colour: list colour in its 'after'")
        // A constraint over a holds subquery cannot be held by another.
        assertError([("after: [balls]", "after: [balls]\n  - id: colour_ok\n    observe: {holds: ball_colour}\n    after: [colour]\n  - id: twice\n    observe: {holds: ok_check}\n    after: [colour_ok]"),
                     ("supersedes:", "  - {id: ok_check, kind: match, coarse: composition, over: colour_ok, normal: \"yes\", otherwise: not_ok}\nsupersedes:")],
                    line: 19, contains: "subquery twice holds 'ok_check', which reads the holds subquery colour_ok")
        // A box list is no word to restate.
        assertError([("after: [balls]", "after: [balls]\n  - id: short\n    observe: {cells: left, count: ball, expect: 1, report: short}\n  - id: short_ok\n    observe: {holds: no_short}\n    after: [short]"),
                     ("supersedes:", "  - {id: no_short, kind: count, coarse: quantity, over: short, normal: 0, otherwise: short_cell}\nsupersedes:")],
                    line: 18, contains: "subquery short_ok cannot restate short: its answer is a box list, not one word")
    }

    func testUnknownKeyAndKind() {
        assertError("    coarse: composition", "    coarse: composition\n    colour: red", line: 28, contains: "unknown key 'colour' in a constraint")
        assertError("kind: match", "kind: matches", line: 26, contains: "unknown kind 'matches'")
        assertError("coarse: quantity", "coarse: amount", line: 19, contains: "unknown coarse class 'amount'")
    }

    func testBoxesIsAFlag() throws {
        assertError("observe: {count: ball, in: left}", "observe: {count: ball, in: left}\n    boxes: maybe", line: 13,
                    contains: "'boxes' of balls must be true or false, got 'maybe'")
        let quiet = try RuleBook(yaml: Self.valid.replacingOccurrences(of: "observe: {count: ball, in: left}",
                                                                        with: "observe: {count: ball, in: left}\n    boxes: false"), file: "toy.yaml")
        XCTAssertEqual(quiet.plan.subqueries.map(\.listsBoxes), [false, true], "steps list their boxes unless told not to")
    }

    func testSupersedesUnknownType() {
        assertError("missing_ball: [wrong_colour]", "missing_ball: [wrong_color]", line: 32, contains: "unknown defect type 'wrong_color'")
    }

    func testSupersedesCycle() {
        assertError("missing_ball: [wrong_colour]", "missing_ball: [wrong_colour]\n  wrong_colour: [extra_ball]\n  extra_ball: [missing_ball]",
                    line: 34, contains: "supersedes cycle: extra_ball -> missing_ball -> wrong_colour -> extra_ball")
    }

    func testNoConstraint() {
        guard let start = Self.valid.range(of: "constraints:"), let end = Self.valid.range(of: "supersedes:") else { return XCTFail() }
        let yaml = Self.valid.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "constraints: []\n")
        XCTAssertThrowsError(try RuleBook(yaml: yaml, file: "toy.yaml")) { error in
            XCTAssertEqual((error as? RuleBookError)?.message, "a rule-book needs at least one constraint")
        }
    }

    func testYAMLSyntaxError() {
        assertError("      - {when: 0, raise: missing_ball}", "      - {when: 0, raise: missing_ball", line: 24, contains: "YAML syntax")
    }

    func testMissingRequiredKey() {
        assertError("    kind: count\n", "", line: 17, contains: "constraint lacks 'kind'")
    }

    func testDuplicateKey() {
        assertError("  left: {parts: box, where: {side: left}}", "  left: {parts: box, where: {side: left}}\n  left: {parts: box}", line: 10,
                    contains: "key 'left' given twice in regions")
    }

    func testUnreadableFile() {
        XCTAssertThrowsError(try RuleBook.load(from: URL(fileURLWithPath: "/nonexistent/rules.yaml"))) { error in
            guard case .unreadableRuleBook(let path, _)? = error as? RulesError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/rules.yaml")
        }
    }
}
