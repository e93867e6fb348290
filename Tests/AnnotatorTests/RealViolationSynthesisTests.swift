import Annotations
import Annotator
import Dataset
import Foundation
import Imaging
import Randomness
import RealDataSupport
import Rules
import XCTest

/// Violation synthesis checked twice: the oracle labels each edited annotation with exactly the
/// intended type, and the annotator, reading the edited pixels afresh, finds that type too.
final class RealViolationSynthesisTests: XCTestCase {
    private func synthesizer() throws -> RealViolationSynthesizer {
        RealViolationSynthesizer(ruleBook: try RuleBook.load(from: RealRuleBook.juiceBottleURL))
    }

    private func oracle() throws -> Oracle { Oracle(plan: try RuleBook.load(from: RealRuleBook.juiceBottleURL).plan) }

    private func annotated(_ image: RGBImage, path: String) throws -> ImageAnnotation {
        try JuiceBottleAnnotator().annotation(of: image, split: "train", label: "good", path: path, defects: []).get()
    }

    /// A drawn bottle placed like a real one (labels in the real zones, fill in the real band).
    private func drawnBottle(icon: (UInt8, UInt8, UInt8)) -> SyntheticBottle {
        var s = SyntheticBottle()
        s.surface = 98
        s.topLabel = (62, 184, 130, 252)
        s.icon = (96, 218, 14, icon)
        s.bottomLabel = (64, 312, 130, 343)
        return s
    }

    func testEveryTypeFromADrawnBottle() throws {
        let synth = try synthesizer(), oracle = try oracle()
        let image = drawnBottle(icon: (235, 130, 30)).render()  // orange juice, orange icon
        let annotation = try annotated(image, path: "train/good/000.png")
        XCTAssertEqual(try oracle.run(annotation).types, [], "the drawn source must be normal")
        let donorImage = drawnBottle(icon: (225, 215, 50)).render()
        let donor = (donorImage, try annotated(donorImage, path: "train/good/001.png"))
        var rng = SeededGenerator(seed: 7)
        for type in RealViolationSynthesizer.types {
            let result = try synth.synthesize(type, from: image, annotation, donors: [donor], using: &rng)
            XCTAssertEqual(result.annotation.defects, [type])
            XCTAssertNotEqual(result.image, image, type)
            let reread = try JuiceBottleAnnotator().annotate(result.image).get()
            var check = annotation
            check.parts = reread
            XCTAssertEqual(try oracle.run(check).types, [type], "the annotator reads the edited pixels of \(type) differently")
        }
    }

    /// Misplaced icons and wrong fill levels are made as far off as the real anomalies are (an
    /// icon 0.15 to 0.18 of the label off centre, fills 0.42 to 0.75 and 0.82 to 0.95), not farther:
    /// from a centred icon the move is 0.14 to 0.20 of the label height and at most 0.14 of its
    /// width; the fill lands in 0.40 to 0.75 or 0.825 to 0.95 (one pixel of rounding allowed).
    func testIconsAndFillLevelsAreMovedAsFarAsTheRealAnomalies() throws {
        let synth = try synthesizer()
        let image = drawnBottle(icon: (235, 130, 30)).render()
        let annotation = try annotated(image, path: "train/good/000.png")
        let label = try XCTUnwrap(annotation.parts(of: "top_label").first).box
        let icon = try XCTUnwrap(annotation.parts(of: "fruit_icon").first).box
        let bottleHeight = try XCTUnwrap(annotation.parts(of: "bottle").first).box.height
        for seed in UInt64(0)..<12 {
            var rng = SeededGenerator(seed: seed)
            let moved = try synth.synthesize("misplaced_fruit_icon", from: image, annotation, using: &rng)
            let box = try XCTUnwrap(moved.annotation.parts(of: "fruit_icon").first).box
            let dx = abs(box.centerX - icon.centerX) / label.width, dy = abs(box.centerY - icon.centerY) / label.height
            XCTAssertLessThanOrEqual(dx, 0.14 + 1 / label.width, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(dy, 0.14 - 1 / label.height, "seed \(seed)")
            XCTAssertLessThanOrEqual(dy, 0.2 + 1 / label.height, "seed \(seed)")

            for (type, range) in [("wrong_fill_level_not_enough", 0.40...0.75), ("wrong_fill_level_too_much", 0.825...0.95)] {
                let edited = try synth.synthesize(type, from: image, annotation, using: &rng)
                let fill = try XCTUnwrap(edited.annotation.parts(of: "liquid").first?[attribute: "fill"]?.numberValue, type)
                let slack = 1 / bottleHeight
                XCTAssertTrue((range.lowerBound - slack)...(range.upperBound + slack) ~= fill, "\(type) seed \(seed): fill \(fill)")
            }
        }
    }

    func testRefusesUnknownTypesAndMissingParts() throws {
        let synth = try synthesizer()
        var scene = drawnBottle(icon: (200, 30, 30))
        scene.topLabel = nil
        let image = scene.render()
        let annotation = try annotated(image, path: "train/good/000.png")
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try synth.synthesize("cable_cut", from: image, annotation, using: &rng)) {
            XCTAssertEqual($0 as? SynthesisError, .unknownType("cable_cut", known: RealViolationSynthesizer.types))
        }
        XCTAssertThrowsError(try synth.synthesize("swapped_labels", from: image, annotation, using: &rng)) {
            guard case .notApplicable = $0 as? SynthesisError else { return XCTFail("\($0)") }
        }
        let full = drawnBottle(icon: (200, 30, 30)).render()
        XCTAssertThrowsError(try synth.synthesize("wrong_juice_type", from: full, try annotated(full, path: "a.png"), donors: [], using: &rng)) {
            guard case .notApplicable = $0 as? SynthesisError else { return XCTFail("\($0)") }
        }
    }

    /// On real photos: the dataset writer makes every type from annotated normal training photos,
    /// and the annotator re-reads most of the edited photos as the intended type.
    func testEveryTypeFromRealPhotos() throws {
        let url = try realJuiceBottleFolder()
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("real-violations-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let source = try LocoDataset(root: url, category: "juice_bottle")
        let normals = Array(source.samples(split: .train, label: .good).prefix(30))
        _ = try DatasetAnnotator().run(source, samples: normals, out: tmp.appendingPathComponent("annotated"))
        let annotated = try LocoDataset(root: tmp.appendingPathComponent("annotated"), category: "juice_bottle")
        let made = try RealViolationDataset(ruleBook: try RuleBook.load(from: RealRuleBook.juiceBottleURL))
            .write(from: annotated, perType: 2, seed: 3, to: tmp.appendingPathComponent("violations")).made
        XCTAssertEqual(made, Dictionary(uniqueKeysWithValues: RealViolationSynthesizer.types.map { ($0, 2) }))

        let written = try LocoDataset(root: tmp.appendingPathComponent("violations"), category: "juice_bottle")
        let anomalies = written.samples(split: .train, label: .logicalAnomalies)
        XCTAssertEqual(anomalies.count, 22)
        XCTAssertEqual(written.samples(split: .train, label: .good).count, 335)
        let oracle = try oracle()
        var agreeing = 0
        for sample in anomalies {
            let annotation = try XCTUnwrap(sample.annotation, sample.path)
            XCTAssertEqual(annotation.defects, sample.defectTypes, sample.path)
            XCTAssertEqual(try oracle.run(annotation).types, sample.defectTypes, sample.path)
            if let parts = try? JuiceBottleAnnotator().annotate(sample.loadImage()).get() {
                var check = annotation
                check.parts = parts
                if Set(try oracle.run(check).types) == Set(sample.defectTypes) { agreeing += 1 }
            }
        }
        print("annotator re-reads \(agreeing) of \(anomalies.count) synthesized photos as their type")
        XCTAssertGreaterThanOrEqual(agreeing, 18)
    }

    /// A share of the real anomalies joins the training set: per defect case, rounded down, only
    /// photos the oracle labels as labels.csv does, copied byte for byte (so a model trained on
    /// them lists them and eval leaves them out), the same ones for the same seed.
    func testAShareOfTheRealAnomaliesJoinsTheTrainingSet() throws {
        let url = try realJuiceBottleFolder()
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("real-anomalies-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let source = try LocoDataset(root: url, category: "juice_bottle")
        let logical = source.samples(split: .test, label: .logicalAnomalies)
        let chosen = Array(source.samples(split: .train, label: .good).prefix(3)) + logical
        _ = try DatasetAnnotator().run(source, samples: chosen, out: tmp.appendingPathComponent("annotated"))
        let annotated = try LocoDataset(root: tmp.appendingPathComponent("annotated"), category: "juice_bottle")
        let writer = RealViolationDataset(ruleBook: try RuleBook.load(from: RealRuleBook.juiceBottleURL))
        let written = try writer.write(from: annotated, perType: 0, realAnomalyShare: 0.5, seed: 3, to: tmp.appendingPathComponent("out"))
        XCTAssertEqual(written.realAnomalies, writer.realAnomalies(of: annotated, share: 0.5, seed: 3).map(\.path))
        XCTAssertNotEqual(written.realAnomalies, writer.realAnomalies(of: annotated, share: 0.5, seed: 4).map(\.path))
        XCTAssertTrue(writer.realAnomalies(of: annotated, share: 0, seed: 3).isEmpty)

        var perCase: [String: Int] = [:]
        for s in logical { perCase[s.defectTypes.joined(separator: "+"), default: 0] += 1 }
        let expected = perCase.values.reduce(0) { $0 + $1 / 2 }
        XCTAssertLessThanOrEqual(written.realAnomalies.count, expected)
        XCTAssertGreaterThanOrEqual(written.realAnomalies.count, expected - 3, "the oracle disagrees with labels.csv on few photos")

        let out = try LocoDataset(root: tmp.appendingPathComponent("out"), category: "juice_bottle")
        let added = out.samples(split: .train, label: .logicalAnomalies)
        XCTAssertEqual(added.count, written.realAnomalies.count)
        var takenPerCase: [String: Int] = [:]
        let oracle = try oracle()
        for (sample, original) in zip(added, written.realAnomalies) {
            let source = try XCTUnwrap(logical.first { $0.path == original })
            XCTAssertEqual(sample.path, "train/logical_anomalies/real-" + (original as NSString).lastPathComponent)
            XCTAssertEqual(try Data(contentsOf: sample.imageURL), try Data(contentsOf: source.imageURL), original)
            XCTAssertEqual(sample.defectTypes, source.defectTypes, original)
            XCTAssertEqual(try oracle.run(try XCTUnwrap(sample.annotation)).types.sorted(), source.defectTypes, original)
            takenPerCase[source.defectTypes.joined(separator: "+"), default: 0] += 1
        }
        for (key, taken) in takenPerCase { XCTAssertLessThanOrEqual(taken, perCase[key]! / 2, key) }
    }
}
