import Annotations
import Foundation
import Imaging
import Instruct
import Model
import Rules
import Training
import XCTest

/// The part-map targets (each patch names the part whose box centre lies in it, seen through the
/// model's letterbox) and a training run that learns them.
final class PartMapTrainingTests: XCTestCase {
    func testClassesAreBackgroundThenEveryPartOfTheRuleBooksSorted() throws {
        let books = try ["pushpins", "screw_bag"].map { try RuleBook.bundled($0) }
        XCTAssertEqual(PartMapTargets.classes(of: books), ["background", "compartment", "nut", "pushpin", "screw", "separator", "washer"])
    }

    func testACentreLandsInItsPatchThroughTheLetterboxAndTheSmallestPartWins() throws {
        // A 32 x 16 image in a 16 x 16 input with 4-pixel patches: scale 0.5, 4 px of border on
        // top, a 4 x 4 grid.
        var config = VLMConfig(imageSize: 16, patchSize: 4, visionWidth: 8, visionLayers: 1, visionHeads: 1, shuffle: 2,
                               decoderWidth: 8, decoderLayers: 1, decoderHeads: 1, vocabularySize: 10, promptLength: 2, maxTextLength: 8)
        config.partClasses = ["background", "compartment", "pushpin", "screw"]
        let letterbox = RGBImage(width: 32, height: 16, channels: 3, pixels: Array(repeating: 0, count: 32 * 16 * 3))
            .letterboxed(width: 16, height: 16)
        XCTAssertEqual(letterbox.offsetY, 4)
        let annotation = ImageAnnotation(category: "pushpins", split: "test", label: "good", image: "x.png", width: 32, height: 16, defects: [], parts: [
            Part(id: 1, cls: "pushpin", box: Box(x0: 8, y0: 8, x1: 12, y1: 12)),        // centre (10, 10) -> input (5, 9): row 2, column 1
            Part(id: 2, cls: "compartment", box: Box(x0: 0, y0: 0, x1: 20, y1: 16)),    // centre (10, 8) -> input (5, 8): the same patch
            Part(id: 3, cls: "screw", box: Box(x0: 28, y0: 0, x1: 32, y1: 4)),          // centre (30, 2) -> input (15, 5): row 1, column 3
            Part(id: 4, cls: "teapot", box: Box(x0: 0, y0: 0, x1: 4, y1: 4)),           // not a class of the head
        ])
        let targets = try XCTUnwrap(PartMapTargets.targets(annotation, letterbox: letterbox, config: config))
        var expected = Array(repeating: 0, count: 16)
        expected[2 * 4 + 1] = 2
        expected[1 * 4 + 3] = 3
        XCTAssertEqual(targets, expected)

        config.partClasses = nil
        XCTAssertNil(PartMapTargets.targets(annotation, letterbox: letterbox, config: config))
    }

    func testSizedClassesLabelEachScrewByItsLengthClass() throws {
        let books = try ["pushpins", "screw_bag"].map { try RuleBook.bundled($0) }
        let sized = PartMapTargets.classes(of: books, bySize: true)
        XCTAssertEqual(sized, ["background", "compartment", "nut", "pushpin", "screw.long", "screw.short", "screw.too_long",
                               "screw.too_short", "screw.very_short", "separator", "washer"])
        let sizes = PartMapTargets.sizedAttributes(of: books)
        XCTAssertEqual(Array(sizes.keys), ["screw"])
        XCTAssertEqual(sizes["screw"]?.attribute, "length_mm")

        // Five screws in a row of 8-pixel patches, one per length class (a gap belongs to the
        // nearest class: 24 mm is short), and a nut.
        var config = VLMConfig(imageSize: 64, patchSize: 8, visionWidth: 8, visionLayers: 1, visionHeads: 1, shuffle: 2,
                               decoderWidth: 8, decoderLayers: 1, decoderHeads: 1, vocabularySize: 10, promptLength: 2, maxTextLength: 8)
        config.partClasses = sized
        let letterbox = RGBImage(width: 64, height: 64, channels: 3, pixels: Array(repeating: 0, count: 64 * 64 * 3)).letterboxed(width: 64, height: 64)
        let lengths: [Double] = [10, 24, 33, 27, 44]
        var parts = lengths.enumerated().map { i, mm in
            Part(id: i, cls: "screw", box: Box(x0: Double(i * 8 + 2), y0: 2, x1: Double(i * 8 + 6), y1: 6), attributes: ["length_mm": .number(mm)])
        }
        parts.append(Part(id: 9, cls: "nut", box: Box(x0: 2, y0: 10, x1: 6, y1: 14)))
        let annotation = ImageAnnotation(category: "screw_bag", split: "test", label: "good", image: "x.png", width: 64, height: 64,
                                         defects: [], parts: parts)
        let targets = try XCTUnwrap(PartMapTargets.targets(annotation, letterbox: letterbox, config: config, sizes: sizes))
        XCTAssertEqual(targets[0..<5].map { sized[$0] }, ["screw.very_short", "screw.short", "screw.long", "screw.too_short", "screw.too_long"])
        XCTAssertEqual(sized[targets[8]], "nut")
        // Without the scales the head's classes name no plain screw: the screws are left out.
        XCTAssertEqual(try XCTUnwrap(PartMapTargets.targets(annotation, letterbox: letterbox, config: config))[0..<5], [0, 0, 0, 0, 0])
        // A head without size classes names every screw `screw`, scales or not.
        config.partClasses = PartMapTargets.classes(of: books)
        let plain = try XCTUnwrap(PartMapTargets.targets(annotation, letterbox: letterbox, config: config, sizes: sizes))
        XCTAssertEqual(Set(plain[0..<5].map { config.partClasses![$0] }), ["screw"])
    }

    func testFlagClassesLabelACutCableApartFromAnIntactOne() throws {
        let books = [try RuleBook.bundled("splicing_connectors")]
        XCTAssertEqual(PartMapTargets.classes(of: books), ["background", "cable", "connector"])
        let flagged = PartMapTargets.classes(of: books, byFlag: true)
        XCTAssertEqual(flagged, ["background", "cable", "cable.not_intact", "connector"])

        // A cut cable in the first 8-pixel patch, an intact one in the second, a connector in the third.
        var config = VLMConfig(imageSize: 32, patchSize: 8, visionWidth: 8, visionLayers: 1, visionHeads: 1, shuffle: 2,
                               decoderWidth: 8, decoderLayers: 1, decoderHeads: 1, vocabularySize: 10, promptLength: 2, maxTextLength: 8)
        config.partClasses = flagged
        let letterbox = RGBImage(width: 32, height: 32, channels: 3, pixels: Array(repeating: 0, count: 32 * 32 * 3)).letterboxed(width: 32, height: 32)
        let annotation = ImageAnnotation(category: "splicing_connectors", split: "test", label: "good", image: "x.png", width: 32, height: 32, defects: [], parts: [
            Part(id: 0, cls: "cable", box: Box(x0: 2, y0: 2, x1: 6, y1: 6), attributes: ["intact": false, "colour": .string("red")]),
            Part(id: 1, cls: "cable", box: Box(x0: 10, y0: 2, x1: 14, y1: 6), attributes: ["intact": true]),
            Part(id: 2, cls: "connector", box: Box(x0: 18, y0: 2, x1: 22, y1: 6)),
        ])
        let targets = try XCTUnwrap(PartMapTargets.targets(annotation, letterbox: letterbox, config: config))
        XCTAssertEqual(targets[0..<3].map { flagged[$0] }, ["cable.not_intact", "cable", "connector"])
        // A head without flag classes names both cables `cable`.
        config.partClasses = PartMapTargets.classes(of: books)
        let plain = try XCTUnwrap(PartMapTargets.targets(annotation, letterbox: letterbox, config: config))
        XCTAssertEqual(plain[0..<3].map { config.partClasses![$0] }, ["cable", "cable", "connector"])
    }

    /// A tiny 2-step trainer on renders of `category` with the part map (weight 1) or without it,
    /// and `option` (a part-map setting) on; the folder goes when the test ends.
    private func partMapTrainer(_ option: WritableKeyPath<TrainingConfiguration, Bool>, category: String, mapped: Bool) throws -> Trainer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("part-map-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        var configuration = ResumeTests.tinyConfiguration(steps: 2)
        configuration.partMapWeight = mapped ? 1 : 0
        configuration[keyPath: option] = true
        return try Trainer(configuration: configuration, data: try DataSpecification("render:\(category)"), out: folder, resume: false, log: { _ in })
    }

    func testARunWithFlaggedPartMapHasTheClassAndSaysWhenItHasNoEffect() throws {
        let trainer = try partMapTrainer(\.partMapFlags, category: "splicing_connectors", mapped: true)
        XCTAssertTrue(try XCTUnwrap(trainer.model.config.partClasses).contains("cable.not_intact"))
        XCTAssertEqual(try trainer.run().state.step, 2)
        let unmapped = try partMapTrainer(\.partMapFlags, category: "splicing_connectors", mapped: false)
        XCTAssertNil(unmapped.model.config.partClasses)
        XCTAssertTrue(unmapped.header.contains("part map by flag: no effect without a part map"), unmapped.header)
    }

    func testARunWithSizedPartMapLabelsTheRenderedScrewsByLength() throws {
        let trainer = try partMapTrainer(\.partMapSizes, category: "screw_bag", mapped: true)
        let classes = try XCTUnwrap(trainer.model.config.partClasses)
        XCTAssertTrue(classes.contains("screw.too_long") && !classes.contains("screw"), "\(classes)")
        XCTAssertTrue(trainer.header.contains("screw.long"), trainer.header)
        XCTAssertEqual(try trainer.run().state.step, 2)
        // Without a part map the setting does nothing, and the header says so.
        let unmapped = try partMapTrainer(\.partMapSizes, category: "screw_bag", mapped: false)
        XCTAssertNil(unmapped.model.config.partClasses)
        XCTAssertTrue(unmapped.header.contains("part map by size: no effect without a part map"), unmapped.header)

        // A good bag: one long and one short screw, each labelled by its length.
        let books = try RuleBook.bundledCategories.map { try RuleBook.bundled($0) }
        let tokenizer = try Tokenizer(words: Vocabulary(ruleBooks: books).words.filter { !$0.contains(where: \.isNewline) })
        var config = VLMConfig.standard(vocabularySize: tokenizer.count)
        config.partClasses = PartMapTargets.classes(of: books, bySize: true)
        let source = try RenderSource(categories: ["screw_bag"], longSide: 256, paraphrase: false)
        let drawn = try source.inspection(caseUnit: source.caseUnits.firstIndex(of: "screw_bag/good")!, seed: 4)
        let targets = try XCTUnwrap(try EncodedSample(drawn, config: config, tokenizer: tokenizer,
                                                      partSizes: PartMapTargets.sizedAttributes(of: books)).input.partTargets)
        let labels = targets.map { config.partClasses![$0] }.filter { $0.hasPrefix("screw") }
        XCTAssertEqual(labels.sorted(), ["screw.long", "screw.short"])
    }

    func testAGoodPushpinBoxHasOneLabelledPatchPerPin() throws {
        let books = try RuleBook.bundledCategories.map { try RuleBook.bundled($0) }
        let tokenizer = try Tokenizer(words: Vocabulary(ruleBooks: books).words.filter { !$0.contains(where: \.isNewline) })
        var config = VLMConfig.standard(vocabularySize: tokenizer.count)
        config.partClasses = PartMapTargets.classes(of: books)
        let source = try RenderSource(categories: ["pushpins"], longSide: 256, paraphrase: false)
        let drawn = try source.inspection(caseUnit: source.caseUnits.firstIndex(of: "pushpins/good")!, seed: 4)
        let pins = try XCTUnwrap(drawn.annotation).parts(of: "pushpin").count
        XCTAssertEqual(pins, 15)
        let targets = try XCTUnwrap(try EncodedSample(drawn, config: config, tokenizer: tokenizer).input.partTargets)
        XCTAssertEqual(targets.count, 256)
        XCTAssertEqual(targets.filter { $0 == config.partClasses!.firstIndex(of: "pushpin") }.count, pins)
        XCTAssertEqual(targets.filter { $0 == config.partClasses!.firstIndex(of: "separator") }.count, 22, "each separator has its own centre")

        config.partClasses = nil
        XCTAssertNil(try EncodedSample(drawn, config: config, tokenizer: tokenizer).input.partTargets)
    }

    func testAMissingSeparatorIsNamedWhereItBelongs() throws {
        let books = try RuleBook.bundledCategories.map { try RuleBook.bundled($0) }
        let tokenizer = try Tokenizer(words: Vocabulary(ruleBooks: books).words.filter { !$0.contains(where: \.isNewline) })
        var config = VLMConfig.standard(vocabularySize: tokenizer.count)
        let source = try RenderSource(categories: ["pushpins"], longSide: 256, paraphrase: false)
        let drawn = try source.inspection(caseUnit: source.caseUnits.firstIndex(of: "pushpins/missing_separator")!, seed: 4)
        let walls = try XCTUnwrap(drawn.annotation).parts(of: "separator")
        let gap = try XCTUnwrap(walls.first { $0[attribute: "present"]?.boolValue == false })
        XCTAssertEqual(walls.count, 22)
        // With flag classes the gap's patch is `separator.not_present` and the 21 walls stay `separator`.
        config.partClasses = PartMapTargets.classes(of: books, byFlag: true)
        let classes = try XCTUnwrap(config.partClasses)
        let flagged = try XCTUnwrap(try EncodedSample(drawn, config: config, tokenizer: tokenizer).input.partTargets)
        XCTAssertEqual(flagged.filter { $0 == classes.firstIndex(of: "separator.not_present") }.count, 1)
        XCTAssertEqual(flagged.filter { $0 == classes.firstIndex(of: "separator") }.count, 21)
        let letterbox = drawn.image.letterboxed(width: config.imageSize, height: config.imageSize)
        let centre = letterbox.toCanvas(x: gap.box.centerX, y: gap.box.centerY)
        let patch = Int(centre.y) / config.patchSize * config.gridColumns + Int(centre.x) / config.patchSize
        XCTAssertEqual(classes[flagged[patch]], "separator.not_present")
    }

    func testATrainingRunLearnsThePartMapAndResumesWithIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("part-map-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ResumeTests.tinyConfiguration(steps: 4)
        configuration.partMapWeight = 1
        var lines: [String] = []
        let trainer = try Trainer(configuration: configuration, data: try DataSpecification("render:pushpins"), out: folder, resume: false,
                                  log: { lines.append($0) })
        XCTAssertEqual(trainer.model.config.partClasses?.first, "background")
        XCTAssertTrue(trainer.model.config.partClasses?.contains("pushpin") == true)
        XCTAssertTrue(trainer.header.contains("part map: weight 1.0"), trainer.header)
        _ = try trainer.run(stopAfterStep: 2)
        let resumed = try Trainer(configuration: nil, data: try DataSpecification("render:pushpins"), out: folder, resume: true, log: { lines.append($0) })
        XCTAssertEqual(resumed.configuration.partMapWeight, 1)
        XCTAssertEqual(try resumed.run().state.step, 4)
        XCTAssertEqual(try VLM.load(directory: folder).config.partClasses, trainer.model.config.partClasses)

        // A starting model without the head cannot train one.
        var plain = ResumeTests.tinyConfiguration(steps: 2)
        let base = folder.appendingPathComponent("plain")
        _ = try Trainer(configuration: plain, data: try DataSpecification("render:pushpins"), out: base, resume: false, log: { _ in }).run()
        plain.partMapWeight = 1
        XCTAssertThrowsError(try Trainer(configuration: plain, data: try DataSpecification("render:pushpins"), out: folder.appendingPathComponent("tuned"),
                                         resume: false, initialModel: base, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("no part-map head"), "\(error)")
        }
        XCTAssertThrowsError(try TrainingConfiguration.parse(yaml: "partMapWeight: -1", source: "t.yaml")) { error in
            XCTAssertTrue("\(error)".contains("partMapWeight must be >= 0"), "\(error)")
        }
        XCTAssertEqual(try TrainingConfiguration.parse(yaml: "partMapWeight: 0.5", source: "t.yaml").partMapWeight, 0.5)
    }

    func testARunWithPartCountsGivesItsModelCountTokensAndNeedsThePartMap() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("part-counts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ResumeTests.tinyConfiguration(steps: 2)
        configuration.partMapWeight = 1
        configuration.partCounts = true
        let trainer = try Trainer(configuration: configuration, data: try DataSpecification("render:pushpins"), out: folder, resume: false,
                                  log: { _ in })
        XCTAssertEqual(trainer.model.config.partCountGrid, 2)
        XCTAssertTrue(trainer.header.contains("count tokens: 5"), trainer.header)
        XCTAssertEqual(try trainer.run().state.step, 2)
        XCTAssertEqual(try VLM.load(directory: folder).config.partCountGrid, 2)
        configuration.partMapWeight = 0
        XCTAssertThrowsError(try Trainer(configuration: configuration, data: try DataSpecification("render:pushpins"),
                                         out: folder.appendingPathComponent("unmapped"), resume: false, log: { _ in })) {
            XCTAssertTrue("\($0)".contains("partCounts needs the part map"), "\($0)")
        }
    }
}
