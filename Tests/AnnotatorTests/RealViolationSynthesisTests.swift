import Annotations
import Annotator
import Dataset
import Foundation
import Imaging
import Randomness
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
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = ProcessInfo.processInfo.environment["LOGICLS_JUICE_BOTTLE_REAL"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.appendingPathComponent("../shared/data/juice_bottle_real").standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("labels.csv").path) else {
            throw XCTSkip("real juice_bottle data not found at \(url.path); set LOGICLS_JUICE_BOTTLE_REAL to its folder")
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("real-violations-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let source = try LocoDataset(root: url, category: "juice_bottle")
        let normals = Array(source.samples(split: .train, label: .good).prefix(30))
        _ = try DatasetAnnotator().run(source, samples: normals, out: tmp.appendingPathComponent("annotated"))
        let annotated = try LocoDataset(root: tmp.appendingPathComponent("annotated"), category: "juice_bottle")
        let made = try RealViolationDataset(ruleBook: try RuleBook.load(from: RealRuleBook.juiceBottleURL))
            .write(from: annotated, perType: 2, seed: 3, to: tmp.appendingPathComponent("violations"))
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
}
