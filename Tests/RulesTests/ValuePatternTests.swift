import XCTest
import Annotations
import Rules

final class ValuePatternTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(ValuePattern.parse("2"), .number(2))
        XCTAssertEqual(ValuePattern.parse("red"), .word("red"))
        XCTAssertEqual(ValuePattern.parse("*"), .any)
        XCTAssertEqual(ValuePattern.parse("absent"), .absent)
        XCTAssertEqual(ValuePattern.parse("17..23"), .range(lower: 17, lowerInclusive: true, upper: 23, upperInclusive: true))
        XCTAssertEqual(ValuePattern.parse("<0.68"), .range(lower: nil, lowerInclusive: false, upper: 0.68, upperInclusive: false))
        XCTAssertEqual(ValuePattern.parse(">= 4"), .range(lower: 4, lowerInclusive: true, upper: nil, upperInclusive: false))
        XCTAssertNil(ValuePattern.parse("<big"))
        XCTAssertNil(ValuePattern.parse("5..2"))
        XCTAssertNil(ValuePattern.parse("a..b"))
    }

    func testMatching() {
        let p = { ValuePattern.parse($0)! }
        XCTAssertTrue(p("2").matches(.count(2)))
        XCTAssertFalse(p("2").matches(.count(3)))
        XCTAssertTrue(p(">=2").matches(.count(2)))
        XCTAssertFalse(p(">2").matches(.count(2)))
        XCTAssertTrue(p("<0.68").matches(.level(0.67)))
        XCTAssertFalse(p("<0.68").matches(.level(0.68)))
        XCTAssertTrue(p("0.72..0.80").matches(.level(0.80)))
        XCTAssertTrue(p("yes").matches(.yesNo(true)))
        XCTAssertFalse(p("yes").matches(.yesNo(false)))
        XCTAssertTrue(p("red").matches(.choice("red")))
        XCTAssertTrue(p("5").matches(.choice("5")), "numeric enum values match numerically")
        XCTAssertTrue(p("1").matches(.boxes([Box(x0: 0, y0: 0, x1: 1, y1: 1)])), "a box list matches by its count")
        XCTAssertFalse(p("red").matches(.absent))
        XCTAssertTrue(p("absent").matches(.absent))
        XCTAssertTrue(p("*").matches(.choice("anything")))
    }

    func testSizeClassesPutGapsInTheNearestClass() throws {
        let scale = SizeScale(classes: [("short", ValuePattern.parse("17..23")!), ("too_short", ValuePattern.parse("26..29")!),
                                        ("long", ValuePattern.parse("31..36")!), ("too_long", ValuePattern.parse(">39")!)])
        XCTAssertEqual(scale.classify(20), "short")
        XCTAssertEqual(scale.classify(24), "short")
        XCTAssertEqual(scale.classify(25.5), "too_short")
        XCTAssertEqual(scale.classify(30.6), "long")
        XCTAssertEqual(scale.classify(37), "long")
        XCTAssertEqual(scale.classify(38), "too_long")
        XCTAssertEqual(scale.classify(38.6), "too_long")
        XCTAssertEqual(scale.classify(55), "too_long")
        XCTAssertEqual(scale.classify(3), "short")
    }
}
