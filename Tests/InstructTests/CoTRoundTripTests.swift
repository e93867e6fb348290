import Foundation
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
                        assertAnswerSpans(cot, parsed, style, context)
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

    /// Each span's answer words are the words of the answer the parser reads from its line: the
    /// number, yes/no or value itself, only location words for boxes, a number for a level; the
    /// verdict line's are its types (or `normal`).
    private func assertAnswerSpans(_ cot: ChainOfThought, _ parsed: ParsedResponse, _ style: CoTStyle, _ context: String) {
        let words = CoTText.words(cot.response)
        let answers = Dictionary(parsed.steps.map { ($0.subquery, $0.answer) }, uniquingKeysWith: { a, _ in a })
        for span in cot.steps {
            guard let range = span.answerWords else { return XCTFail("\(context) \(span.subquery): no answer span") }
            XCTAssertTrue(range.lowerBound >= span.wordStart && range.upperBound <= span.wordEnd && !range.isEmpty, "\(context) \(span.subquery)")
            let said = Array(words[range])
            if span.isVerdict {
                XCTAssertEqual(said, parsed.verdict.map { $0.isEmpty ? ["normal"] : $0 }, context)
                continue
            }
            switch answers[span.subquery] {
            case .count(let n): XCTAssertEqual(said, [String(n)], "\(context) \(span.subquery)")
            case .yesNo(let b): XCTAssertEqual(said, [b ? "yes" : "no"], "\(context) \(span.subquery)")
            case .choice(let c): XCTAssertEqual(said, [c], "\(context) \(span.subquery)")
            case .level: XCTAssertTrue(said.count == 1 && Double(said[0]) != nil, "\(context) \(span.subquery): \(said)")
            case .boxes(let boxes):
                let boxWords = style == .native ? said.filter { $0.hasPrefix("<loc_") }.count / 4 : said.filter { $0.hasPrefix("[") }.count
                XCTAssertEqual(boxes.isEmpty ? said : [], boxes.isEmpty ? ["none"] : [], "\(context) \(span.subquery)")
                XCTAssertEqual(boxWords, boxes.count, "\(context) \(span.subquery): \(said)")
            case .absent: XCTAssertEqual(said, ["absent"], "\(context) \(span.subquery)")
            case nil: XCTFail("\(context) \(span.subquery) was not parsed")
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

    /// Spans keep their answer range through JSON; a span written without one reads as nil.
    func testStepSpansKeepTheirAnswerRangeInJSON() throws {
        let span = StepSpan(subquery: "juice", wordStart: 0, wordEnd: 7, charStart: 0, charEnd: 48, answerStart: 6, answerEnd: 7)
        let json = try JSONEncoder().encode(span)
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains(#""answer_start":6"#))
        XCTAssertEqual(try JSONDecoder().decode(StepSpan.self, from: json).answerWords, 6..<7)
        let old = #"{"subquery": "juice", "word_start": 0, "word_end": 7, "char_start": 0, "char_end": 48}"#
        let decoded = try JSONDecoder().decode(StepSpan.self, from: Data(old.utf8))
        XCTAssertNil(decoded.answerWords)
        XCTAssertEqual(decoded.wordEnd, 7)
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
