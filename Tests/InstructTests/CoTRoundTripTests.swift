import Annotations
import Instruct
import Randomness
import Rules
import XCTest

/// Every phrasing the writer produces reads back to the oracle's answers, and the rule engine
/// recomputes the oracle's verdict from the parsed answers.
final class CoTRoundTripTests: XCTestCase {
    private let locations = LocationTokens()

    /// Box answers and evidence survive as their location words (bin centres come back).
    private func sameBoxes(_ a: [Box], _ b: [Box], _ w: Int, _ h: Int) -> Bool {
        a.map { locations.words(for: $0, width: w, height: h) } == b.map { locations.words(for: $0, width: w, height: h) }
    }

    /// Export boxes are whole pixels.
    private func samePixels(_ a: [Box], _ b: [Box]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { p, t in
            [p.x0 - t.x0, p.y0 - t.y0, p.x1 - t.x1, p.y1 - t.y1].allSatisfy { abs($0) <= 0.5 }
        }
    }

    private func assertSame(_ parsed: Answer, _ truth: Answer, _ style: CoTStyle, _ w: Int, _ h: Int, _ context: String) {
        if case .boxes(let p) = parsed, case .boxes(let t) = truth {
            let same = style == .native ? sameBoxes(p, t, w, h) : samePixels(p, t)
            XCTAssertTrue(same, "\(context): boxes \(p) vs \(t)")
        } else if case .level(let p) = parsed, case .level(let t) = truth {
            XCTAssertEqual(p, t, accuracy: 1e-9, context)
        } else {
            XCTAssertEqual(parsed, truth, context)
        }
    }

    func testACompartmentCountListsNoPinBoxesWhileTheExtraPinsStepDoes() throws {
        let scene = try XCTUnwrap(Fixtures.all.first { $0.annotation.category == "pushpins" && $0.annotation.defects.contains("1_additional_pushpin") })
        let plan = Fixtures.plan("pushpins")
        let oracle = try Oracle(plan: plan).run(scene.annotation)
        let cot = try CoTWriter(plan: plan).inspection(trail: oracle.trail, verdict: oracle.types, width: scene.annotation.width,
                                                       height: scene.annotation.height, phrasing: .canonical)
        let lines = cot.response.split(separator: "\n")
        let cells = lines.filter { $0.contains("pins_c") }
        XCTAssertEqual(cells.count, 15, cot.response)
        XCTAssertFalse(cells.contains { $0.contains("<loc_") }, cot.response)
        XCTAssertTrue(lines.contains { $0.contains("extra_pushpins") && $0.contains("<loc_") }, "the crowded compartment's pins: \(cot.response)")
    }

    func testEveryTemplateAndSubjectFormReadsBackToTheOracleAnswers() throws {
        for scene in Fixtures.all {
            let plan = Fixtures.plan(scene.annotation.category)
            let oracle = try Oracle(plan: plan).run(scene.annotation)
            let w = scene.annotation.width, h = scene.annotation.height
            for style in CoTStyle.allCases {
                let writer = CoTWriter(plan: plan, style: style)
                let parser = CoTParser(plan: plan, style: style)
                for template in 0..<3 {
                    for form in SubjectForm.allCases {
                        let phrasing = StepPhrasing(template: template, subject: form)
                        let all = CoTPhrasing(steps: Dictionary(uniqueKeysWithValues: plan.subqueries.map { ($0.id, phrasing) }))
                        let cot = try writer.inspection(trail: oracle.trail, verdict: oracle.types, width: w, height: h, phrasing: all)
                        let parsed = parser.parse(cot.response, width: w, height: h)
                        let context = "\(scene.annotation.image) \(style) template \(template) \(form)"
                        XCTAssertEqual(parsed.steps.map(\.subquery), oracle.trail.map(\.subquery), context)
                        XCTAssertEqual(parsed.missing, [], context)
                        XCTAssertEqual(parsed.unreadLines, [], "\(context)\n\(cot.response)")
                        XCTAssertEqual(parsed.verdict, oracle.types.sorted(), context)
                        for (p, t) in zip(parsed.steps, oracle.trail) {
                            assertSame(p.answer, t.answer, style, w, h, "\(context) \(t.subquery)")
                            let written = writer.evidenceBoxes(t)
                            let same = style == .native ? sameBoxes(p.evidence, written, w, h) : samePixels(p.evidence, written)
                            XCTAssertTrue(same, "\(context) \(t.subquery) evidence")
                        }
                        // Single-subquery samples read back alike.
                        for t in oracle.trail {
                            let one = try writer.single(t, width: w, height: h, phrasing: phrasing)
                            let p = parser.parse(one.response, width: w, height: h)
                            XCTAssertEqual(p.steps.count, 1, "\(context) single \(t.subquery): \(one.response)")
                            if let s = p.steps.first { assertSame(s.answer, t.answer, style, w, h, "\(context) single \(t.subquery)") }
                        }
                    }
                }
            }
        }
    }

    func testRandomPhrasingsRecomputeTheOracleVerdict() throws {
        for scene in Fixtures.all {
            let plan = Fixtures.plan(scene.annotation.category)
            let oracle = try Oracle(plan: plan).run(scene.annotation)
            XCTAssertEqual(oracle.types.sorted(), scene.rendered, "oracle disagrees with the renderer on \(scene.annotation.image)")
            let synth = InstructionSynthesizer(plan: plan)
            let parser = CoTParser(plan: plan)
            for seed in 0..<20 as Range<UInt64> {
                var rng = SeededGenerator(seed: seed)
                let sample = try synth.inspection(image: scene.image, annotation: scene.annotation, using: &rng)
                let parsed = parser.parse(sample.response, width: sample.width, height: sample.height)
                let order = parsed.steps.map(\.subquery)
                XCTAssertEqual(Set(order), Set(oracle.trail.map(\.subquery)))
                XCTAssertTrue(StepOrder.respectsDependencies(order, plan: plan), "order \(order)")
                XCTAssertEqual(plan.evaluate(parsed.answers).types, oracle.types, "\(scene.annotation.image) seed \(seed)\n\(sample.response)")
                XCTAssertEqual(parsed.verdict, oracle.types.sorted())
                XCTAssertEqual(sample.defects, oracle.types)
            }
        }
    }

    func testStepSpansCoverEachLine() throws {
        let scene = Fixtures.all.first { $0.annotation.category == "juice_bottle" && !$0.rendered.isEmpty }!
        let synth = InstructionSynthesizer(plan: Fixtures.plan("juice_bottle"))
        var rng = SeededGenerator(seed: 3)
        let sample = try synth.inspection(image: scene.image, annotation: scene.annotation, using: &rng)
        let words = sample.responseWords
        let lines = sample.response.split(separator: "\n").map(String.init)
        XCTAssertEqual(sample.steps.count, lines.count)
        XCTAssertEqual(sample.steps.last?.subquery, "verdict")
        for (span, line) in zip(sample.steps, lines) {
            XCTAssertEqual(words[span.wordStart..<span.wordEnd].joined(separator: " "), line)
            let chars = Array(sample.response)
            XCTAssertEqual(String(chars[span.charStart..<span.charEnd]), line)
        }
        XCTAssertEqual(words.filter { $0 == "\n" }.count, lines.count - 1)
        XCTAssertTrue(sample.response.hasSuffix(lines.last!) && lines.last!.hasPrefix("verdict: "))
    }

    func testTheSameSeedGivesTheSameSample() throws {
        let scene = Fixtures.all.first { $0.annotation.category == "pushpins" }!
        let synth = InstructionSynthesizer(plan: Fixtures.plan("pushpins"))
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let x = try synth.inspection(image: scene.image, annotation: scene.annotation, using: &a)
        let y = try synth.inspection(image: scene.image, annotation: scene.annotation, using: &b)
        XCTAssertEqual(x, y)
        let others = try (0..<8).map { _ in try synth.inspection(image: scene.image, annotation: scene.annotation, using: &c).response }
        XCTAssertGreaterThan(Set(others).count, 1, "paraphrasing never changed the wording")
    }
}
