import Foundation
import Imaging
import Inspection
import Model
import Rules
import XCTest

/// Classification with a real (tiny, random) model: every image gets an entry, bad ones an error.
final class ClassifierTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder("classifier") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testABadImageGetsAnErrorEntryAndTheOthersGoOn() throws {
        let big = folder.appendingPathComponent("full-resolution.png")
        try Fixtures.writeImage(to: big, width: 800, height: 1600)      // MVTec LOCO juice_bottle size
        let small = folder.appendingPathComponent("small.png")
        try Fixtures.writeImage(to: small, width: 50, height: 100)
        let broken = folder.appendingPathComponent("broken.png")
        try Data("not an image".utf8).write(to: broken)
        let missing = folder.appendingPathComponent("missing.png")

        let (directory, generator) = try ModelLocator.load(explicit: try TinyInspectionModel.saved(in: folder).path, category: "juice_bottle")
        let classifier = try Classifier(category: "juice_bottle", generator: generator, modelName: directory.path)
        XCTAssertEqual(classifier.prompt, "inspect juice_bottle")
        var reports: [(Int, Int)] = []
        let run = classifier.classify(paths: [big.path, broken.path, missing.path, small.path], batchSize: 2) {
            reports.append(($0, $1))
        }
        XCTAssertEqual(reports.map(\.0), [2, 4]); XCTAssertEqual(reports.map(\.1), [4, 4])
        XCTAssertEqual(run.entries.map(\.image), [big.path, broken.path, missing.path, small.path])
        XCTAssertEqual(run.failureCount, 2)

        let first = try XCTUnwrap(run.entries[0].classification)
        XCTAssertEqual(first.width, 800); XCTAssertEqual(first.height, 1600)
        XCTAssertTrue((0...1).contains(first.anomalyScore))
        for step in first.steps {
            for box in step.boxes {
                XCTAssertTrue(box.x0 >= 0 && box.x1 <= 800 && box.y0 >= 0 && box.y1 <= 1600, "\(box)")
            }
            XCTAssertTrue((0...1).contains(step.confidence))
        }
        XCTAssertEqual(run.entries[3].classification?.width, 50)
        guard case .failed(_, let brokenError) = run.entries[1], case .failed(_, let missingError) = run.entries[2] else {
            return XCTFail("bad images must fail")
        }
        XCTAssertTrue(brokenError.contains("broken.png"), brokenError)
        XCTAssertTrue(missingError.contains("missing.png"), missingError)
    }

    func testTracesSpellExactlyTheGeneratedText() throws {
        let model = try TinyInspectionModel.make()
        let images = [RGBImage(width: 30, height: 60, fill: 100), RGBImage(width: 60, height: 30, fill: 30)]
        let traces = try model.respond(to: images, prompt: "inspect juice_bottle")
        let generated = try model.generate(images: images, prompts: ["inspect juice_bottle"],
                                           maxTokens: model.config.maxTextLength - model.config.promptLength - 1)
        XCTAssertEqual(traces.map(\.text), generated.map(\.text))
        XCTAssertEqual(traces.map(\.pieces.count), generated.map(\.tokens.count))
        XCTAssertEqual(traces[0].probabilities, generated[0].probabilities.map(Double.init))
        XCTAssertGreaterThan(traces[0].pieces.count, 0)
    }

    func testUnknownCategoryListsTheKnownOnes() throws {
        XCTAssertThrowsError(try Classifier(category: "teapot", generator: try TinyInspectionModel.make(), modelName: "m")) {
            let message = String(describing: $0)
            XCTAssertTrue(message.contains("teapot") && message.contains("juice_bottle"), message)
        }
    }

    func testAModelsOwnRuleBookDecidesTheVerdict() throws {
        /// Always writes the inspection of a bottle filled to 35 %.
        struct LowBottle: ResponseGenerator {
            func respond(to images: [RGBImage], prompt: String) throws -> [TokenTrace] {
                let text = try JuiceBottleResponses.response(for: JuiceBottleResponses.annotation(fill: 0.35)).text
                return images.map { _ in JuiceBottleResponses.trace(text) }
            }
        }
        let image = folder.appendingPathComponent("bottle.png")
        try Fixtures.writeImage(to: image, width: 128, height: 256)

        // With the shipped rule-book 35 % is not enough juice.
        let shipped = try Classifier(category: "juice_bottle", generator: LowBottle(), modelName: "m",
                                     ruleBook: try ModelRuleBook.saved(model: folder, category: "juice_bottle"))
        XCTAssertEqual(shipped.classify(paths: [image.path]).entries[0].classification?.violatedTypes.map(\.type),
                       ["wrong_fill_level_not_enough"])

        // A model trained for a line that fills to 30-40 % keeps that rule-book, and 35 % is normal.
        let text = try String(contentsOfFile: try RuleBook.bundled("juice_bottle").file, encoding: .utf8)
            .replacingOccurrences(of: "normal: \"0.72..0.80\"", with: "normal: \"0.30..0.40\"")
            .replacingOccurrences(of: "when: \">0.84\"", with: "when: \">0.42\"")
            .replacingOccurrences(of: "when: \"<0.68\"", with: "when: \"<0.28\"")
        let file = folder.appendingPathComponent("low.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try ModelRuleBook.save(file: file, category: "juice_bottle", model: folder)
        let own = try Classifier(category: "juice_bottle", generator: LowBottle(), modelName: "m",
                                 ruleBook: try ModelRuleBook.saved(model: folder, category: "juice_bottle"))
        XCTAssertEqual(own.classify(paths: [image.path]).entries[0].classification?.violatedTypes.map(\.type), [])
    }

    func testAGeneratorFailureFailsItsBatchOnly() throws {
        struct FailsOnWideImages: ResponseGenerator {
            func respond(to images: [RGBImage], prompt: String) throws -> [TokenTrace] {
                if images.contains(where: { $0.width > $0.height }) { throw ModelError.invalidInput("too wide") }
                return images.map { _ in TokenTrace(pieces: ["verdict:", " normal"], probabilities: [1, 0.75]) }
            }
        }
        let tall = folder.appendingPathComponent("tall.png"), wide = folder.appendingPathComponent("wide.png")
        try Fixtures.writeImage(to: tall, width: 20, height: 40)
        try Fixtures.writeImage(to: wide, width: 40, height: 20)
        let classifier = try Classifier(category: "juice_bottle", generator: FailsOnWideImages(), modelName: "m")
        let run = classifier.classify(paths: [tall.path, wide.path], batchSize: 1)
        XCTAssertEqual(run.entries[0].classification?.modelVerdict, .normal)
        XCTAssertEqual(try XCTUnwrap(run.entries[0].classification?.anomalyScore), AnomalyScore.unreadable, "no step was written")
        guard case .failed(_, let error) = run.entries[1] else { return XCTFail("the wide image's batch must fail") }
        XCTAssertTrue(error.contains("too wide"), error)
    }
}
