import Instruct
import Randomness
import Rules
import XCTest

/// The closed vocabulary covers every word the native writer produces, and sequences stay short.
final class VocabularyTests: XCTestCase {
    func testEveryNativeWordIsInTheVocabulary() throws {
        let vocabulary = Vocabulary(ruleBooks: Array(Fixtures.ruleBooks.values))
        XCTAssertEqual(vocabulary.words.first, "\n")
        XCTAssertEqual(Set(vocabulary.words).count, vocabulary.count)
        for w in ["<loc_0>", "<loc_63>", "0", "255", "verdict:", "normal", "absent", "none"] { XCTAssertTrue(vocabulary.contains(w), w) }
        XCTAssertFalse(vocabulary.contains("<loc_64>"))
        for (category, book) in Fixtures.ruleBooks {
            XCTAssertTrue(vocabulary.contains(category))
            for t in book.plan.types { XCTAssertTrue(vocabulary.contains(t), t) }
        }
        for scene in Fixtures.all {
            let plan = Fixtures.plan(scene.annotation.category)
            let synth = InstructionSynthesizer(plan: plan)
            for seed in 0..<10 as Range<UInt64> {
                var rng = SeededGenerator(seed: seed)
                let s = try synth.inspection(image: scene.image, annotation: scene.annotation, using: &rng)
                XCTAssertEqual(vocabulary.unknownWords(in: s.prompt + "\n" + s.response), [], s.response)
                for q in try synth.subquerySamples(.path("x.png"), width: s.width, height: s.height,
                                                   annotation: scene.annotation, using: &rng) {
                    XCTAssertEqual(vocabulary.unknownWords(in: q.prompt + "\n" + q.response), [], q.response)
                }
            }
        }
    }

    /// Canonical inspections stay within the word budget of a model trained on two cores.
    func testFullInspectionsAreShort() throws {
        var longest: [String: Int] = [:]
        for scene in Fixtures.all {
            let plan = Fixtures.plan(scene.annotation.category)
            let oracle = try Oracle(plan: plan).run(scene.annotation)
            let cot = try CoTWriter(plan: plan).inspection(trail: oracle.trail, verdict: oracle.types,
                                                           width: scene.annotation.width, height: scene.annotation.height)
            let n = CoTText.words(cot.response).count
            longest[plan.category] = max(longest[plan.category] ?? 0, n)
            XCTAssertLessThanOrEqual(n, 160, "\(scene.annotation.image): \(n) words\n\(cot.response)")
        }
        print("longest canonical inspection (words):", longest.sorted { $0.key < $1.key })
    }
}
