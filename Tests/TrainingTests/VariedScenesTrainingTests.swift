import Instruct
import Rules
import Scenes
import Training
import XCTest

/// Varied training renders (`TrainingConfiguration.variedScenes`): labelled by the oracle,
/// asking counts and checks whose answers are not the usual ones, and absent where they are off.
final class VariedScenesTrainingTests: XCTestCase {
    /// The answers of the compartment steps (`pins_cRC -> N`) of a canonical pushpins answer.
    private func compartmentCounts(_ response: String) -> [String] {
        response.split(separator: "\n").compactMap { line in
            line.hasPrefix("pins_c") ? line.split(separator: " ").last.map(String.init) : nil
        }
    }

    func testVariedPushpinScenesAreLabelledByTheOracleAndCountOtherThanOne() throws {
        let source = try RenderSource(categories: ["pushpins"], longSide: 128, paraphrase: false, variedScenes: 1)
        let plan = InstructionSynthesizer(plan: try RuleBook.bundled("pushpins").plan, paraphrase: false)
        let good = source.caseUnits.firstIndex(of: "pushpins/good")!
        var counts: [String] = [], types = Set<String>()
        for seed in UInt64(0)..<6 {
            let drawn = try source.inspection(caseUnit: good, seed: seed)
            let annotation = try XCTUnwrap(drawn.annotation)
            XCTAssertEqual(drawn.sample.defects, try plan.label(annotation, width: drawn.image.width, height: drawn.image.height).types)
            XCTAssertEqual(annotation.defects, drawn.sample.defects.sorted())
            XCTAssertEqual(annotation.label, annotation.defects.isEmpty ? "good" : "logical_anomalies")
            let steps = compartmentCounts(drawn.sample.response)
            XCTAssertEqual(steps.count, 15, drawn.sample.response)
            counts += steps
            types.formUnion(drawn.sample.defects)
        }
        // A "good" draw became a box whose compartments hold 0, 1, 2 or 3 pins.
        XCTAssertEqual(Set(counts), ["0", "1", "2", "3"])
        XCTAssertTrue(types.isSuperset(of: ["missing_pushpin", "2_additional_pushpins"]), "\(types)")
        // Single-subquery samples come from varied scenes too.
        let unit = source.subqueryUnits.firstIndex(of: "pushpins/pins_c12")!
        let answers = try (UInt64(0)..<8).map { try source.subquerySample(subqueryUnit: unit, seed: $0).sample.response }
        XCTAssertGreaterThan(Set(answers).count, 1, "\(answers)")
    }

    func testVariedScenesMixFaultsAndAnswerTheYesNoChecksBothWays() throws {
        for (category, check, faults) in [("splicing_connectors", "cable_intact", ["cable_cut", "wrong_cable_location"]),
                                          ("juice_bottle", "icon_centred", ["misplaced_fruit_icon", "wrong_juice_type"])] {
            let source = try RenderSource(categories: [category], longSide: 128, paraphrase: false, variedScenes: 1)
            let plan = InstructionSynthesizer(plan: try RuleBook.bundled(category).plan, paraphrase: false)
            let good = source.caseUnits.firstIndex(of: "\(category)/good")!
            var answers: [String] = [], types = Set<String>(), mixed = 0
            for seed in UInt64(0)..<16 {
                let drawn = try source.inspection(caseUnit: good, seed: seed)
                let annotation = try XCTUnwrap(drawn.annotation)
                XCTAssertEqual(drawn.sample.defects, try plan.label(annotation, width: drawn.image.width, height: drawn.image.height).types)
                answers += drawn.sample.response.split(separator: "\n").filter { $0.hasPrefix(check) }
                    .compactMap { $0.split(separator: " ").last.map(String.init) }
                types.formUnion(drawn.sample.defects)
                if drawn.sample.defects.count > 1 { mixed += 1 }
            }
            XCTAssertEqual(Set(answers), ["yes", "no"], "\(category) \(check): \(answers)")
            XCTAssertTrue(types.isSuperset(of: faults), "\(category): \(types)")
            XCTAssertGreaterThan(mixed, 0, "no \(category) scene carried several faults")
        }
    }

    func testEverySubqueryFindsASampleWhenEveryRenderMayVary() throws {
        // A screw_bag step asked only of one long screw must still get samples: the last try is
        // a good scene, never a varied one.
        let source = try RenderSource(categories: ["screw_bag", "pushpins", "splicing_connectors"], longSide: 64, paraphrase: false, variedScenes: 1)
        for unit in source.subqueryUnits.indices {
            for seed in UInt64(0)..<6 {
                let drawn = try source.subquerySample(subqueryUnit: unit, seed: seed)
                XCTAssertEqual(drawn.sample.subquery.map { "\(drawn.sample.category)/\($0)" }, source.subqueryUnits[unit])
            }
        }
    }

    func testProductsWithoutVariedScenesAndAChanceOfZeroRenderAsBefore() throws {
        let plain = try RenderSource(categories: ["breakfast_box", "pushpins"], longSide: 64, paraphrase: true)
        let off = try RenderSource(categories: ["breakfast_box", "pushpins"], longSide: 64, paraphrase: true, variedScenes: 0)
        let on = try RenderSource(categories: ["breakfast_box", "pushpins"], longSide: 64, paraphrase: true, variedScenes: 1)
        let box = plain.caseUnits.firstIndex(of: "breakfast_box/good")!
        let pins = plain.caseUnits.firstIndex(of: "pushpins/good")!
        for seed in UInt64(0)..<3 {
            XCTAssertEqual(try plain.inspection(caseUnit: pins, seed: seed).sample, try off.inspection(caseUnit: pins, seed: seed).sample)
            // breakfast_box has no varied scenes: the chance is not even drawn.
            XCTAssertEqual(try plain.inspection(caseUnit: box, seed: seed).sample, try on.inspection(caseUnit: box, seed: seed).sample)
        }
    }
}
