import Foundation
import Instruct
import Randomness
import Rules
import XCTest

/// Inputs the writer cannot phrase are refused with errors that name what is wrong.
final class WriterErrorTests: XCTestCase {
    private let scene = Fixtures.all.first { $0.annotation.category == "juice_bottle" && $0.rendered.isEmpty }!

    /// A level of more steps than there are number words is an error naming the subquery, not a
    /// silently clamped answer. The export style writes the value itself and has no such limit.
    func testALevelBeyondTheNumberWordsIsRefused() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Rules/RuleBooks/juice_bottle.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("step: 0.01}"))
        let fine = try RuleBook(yaml: text.replacingOccurrences(of: "step: 0.01}", with: "step: 0.001}"), file: "fine.yaml")
        let oracle = try Oracle(plan: fine.plan).run(scene.annotation)
        let w = scene.annotation.width, h = scene.annotation.height
        XCTAssertThrowsError(try CoTWriter(plan: fine.plan).inspection(trail: oracle.trail, verdict: oracle.types, width: w, height: h)) {
            guard case .numberOutOfVocabulary(let subquery, let value, let limit)? = $0 as? InstructError else { return XCTFail("\($0)") }
            XCTAssertEqual(subquery, "fill")
            XCTAssertGreaterThan(value, limit)
            XCTAssertTrue("\($0)".contains("fill"))
        }
        let export = try CoTWriter(plan: fine.plan, style: .export).inspection(trail: oracle.trail, verdict: oracle.types, width: w, height: h)
        let parsed = CoTParser(plan: fine.plan, style: .export).parse(export.response, width: w, height: h)
        XCTAssertEqual(parsed.answers["fill"], oracle.trail.first { $0.subquery == "fill" }?.answer)
    }

    func testAnnotationsOfAnotherCategoryOrSizeAreRefused() throws {
        let synth = InstructionSynthesizer(plan: Fixtures.plan("pushpins"))
        var rng = SeededGenerator(seed: 0)
        XCTAssertThrowsError(try synth.inspection(image: scene.image, annotation: scene.annotation, using: &rng)) {
            XCTAssertEqual($0 as? InstructError, .categoryMismatch(annotation: "juice_bottle", plan: "pushpins"))
        }
        let juice = InstructionSynthesizer(plan: Fixtures.plan("juice_bottle"))
        XCTAssertThrowsError(try juice.inspection(.path("x.png"), width: 10, height: 20, annotation: scene.annotation, using: &rng)) {
            XCTAssertTrue("\($0)".contains("10x20"), "\($0)")
        }
    }
}
