import Annotations
import Instruct
import Rules
import XCTest

/// A malformed model output is read as far as it goes: unreadable steps are reported missing,
/// never a crash.
final class CoTParserJunkTests: XCTestCase {
    private let scene = Fixtures.all.first { $0.annotation.category == "juice_bottle" && $0.rendered.isEmpty }!
    private var plan: Plan { Fixtures.plan("juice_bottle") }

    private func canonical() throws -> (ChainOfThought, OracleResult) {
        let oracle = try Oracle(plan: plan).run(scene.annotation)
        let cot = try CoTWriter(plan: plan).inspection(trail: oracle.trail, verdict: oracle.types,
                                                      width: scene.annotation.width, height: scene.annotation.height)
        return (cot, oracle)
    }

    private func parse(_ text: String) -> ParsedResponse {
        CoTParser(plan: plan).parse(text, width: scene.annotation.width, height: scene.annotation.height)
    }

    func testEmptyAndGarbageResponses() {
        for text in ["", "\n\n", "verdict:", "<loc_3> <loc_99> yes no", "juice -> purple", "[1, 2, 3]",
                     String(repeating: "-> ", count: 500), "verdict: verdict: normal"] {
            let p = parse(text)
            XCTAssertEqual(p.steps, [], text)
            XCTAssertFalse(p.missing.isEmpty, text)
        }
        XCTAssertNil(parse("verdict:").verdict)
    }

    func testATruncatedResponseReportsTheRestMissing() throws {
        let (cot, oracle) = try canonical()
        let lines = cot.response.split(separator: "\n")
        let cut = lines.prefix(2).joined(separator: "\n") + "\n" + lines[2].prefix(lines[2].count / 2)
        let p = parse(cut)
        XCTAssertEqual(p.steps.map(\.subquery), oracle.trail.prefix(2).map(\.subquery))
        XCTAssertNil(p.verdict)
        XCTAssertTrue(p.missing.contains(oracle.trail[2].subquery), "\(p.missing)")
        XCTAssertEqual(p.unreadLines, [2])
    }

    func testBrokenBoxesAndWrongAnswerWordsAreUnread() throws {
        let (cot, oracle) = try canonical()
        var lines = cot.response.split(separator: "\n").map(String.init)
        // Drop one location word of the first step's box: the step is not read.
        var words = lines[0].split(separator: " ").map(String.init)
        if let i = words.firstIndex(where: { $0.hasPrefix("<loc_") }) { words.remove(at: i) }
        lines[0] = words.joined(separator: " ")
        lines.insert("some chatter the model made up", at: 1)
        let p = parse(lines.joined(separator: "\n"))
        XCTAssertTrue(p.missing.contains(oracle.trail[0].subquery))
        XCTAssertEqual(p.unreadLines, [0, 1])
        XCTAssertEqual(p.verdict, [])
    }

    func testRepeatsAndUnknownVerdictWords() throws {
        let (cot, oracle) = try canonical()
        let first = cot.response.split(separator: "\n")[0]
        let text = first + "\n" + cot.response.replacingOccurrences(of: "verdict: normal", with: "verdict: missing_top_label bogus_type")
        let p = parse(text)
        XCTAssertEqual(p.repeated, [oracle.trail[0].subquery])
        XCTAssertEqual(p.verdict, ["missing_top_label"])
        XCTAssertEqual(p.unknownVerdictWords, ["bogus_type"])
        XCTAssertEqual(p.missing, [])
    }

    func testCRLFAndExtraSpacesAreTolerated() throws {
        let (cot, oracle) = try canonical()
        let messy = cot.response.replacingOccurrences(of: "\n", with: " \r\n  ").replacingOccurrences(of: " ", with: "  ")
        let p = parse(messy)
        XCTAssertEqual(p.steps.map(\.answer), oracle.trail.map(\.answer))
        XCTAssertEqual(p.verdict, [])
    }
}
