import Annotations
import Inspection
import XCTest

/// A response becomes a classification: the rule engine's verdict, the evidence in the image's
/// pixels, step confidences and the score from the verdict and the least sure step.
final class ResponseInterpreterTests: XCTestCase {
    func testANormalResponseGivesANormalVerdictThatAgrees() throws {
        let (text, types) = try JuiceBottleResponses.response(for: JuiceBottleResponses.annotation())
        XCTAssertEqual(types, [])
        let trace = JuiceBottleResponses.trace(text, probability: 0.9, overrides: ["normal": 0.8])
        let c = ResponseInterpreter(plan: try JuiceBottleResponses.plan).interpret(trace, image: "a.png", width: 128, height: 256)
        XCTAssertEqual(c.verdict, .normal)
        XCTAssertEqual(c.modelVerdict, .normal)
        XCTAssertTrue(c.agreesWithRules)
        XCTAssertEqual(c.violatedTypes, [])
        XCTAssertEqual(c.unanswered, [])
        XCTAssertEqual(c.anomalyScore, 0.05, accuracy: 1e-9, "1/2 - 0.9/2: a normal verdict from steps of confidence 0.9")
        XCTAssertEqual(c.steps.map(\.index), [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(c.steps[0].subquery, "What colour is the juice?")
        XCTAssertEqual(c.steps[0].answer, "red")
        for step in c.steps { XCTAssertEqual(step.confidence, 0.9, accuracy: 1e-9) }
        XCTAssertEqual(c.generatedText, text)
    }

    func testViolationsComeFromTheRuleEngineWithCoarseClasses() throws {
        let (text, types) = try JuiceBottleResponses.response(for: JuiceBottleResponses.annotation(fill: 0.5, icon: "banana"))
        XCTAssertEqual(Set(types), ["wrong_fill_level_not_enough", "wrong_juice_type"])
        let trace = JuiceBottleResponses.trace(text, probability: 0.95)
        let c = ResponseInterpreter(plan: try JuiceBottleResponses.plan).interpret(trace, image: "b.png", width: 128, height: 256)
        XCTAssertEqual(c.verdict, .anomalous)
        XCTAssertEqual(c.modelVerdict, .anomalous)
        XCTAssertEqual(Set(c.violatedTypes.map(\.type)), Set(types))
        XCTAssertEqual(c.violatedTypes.first { $0.type == "wrong_fill_level_not_enough" }?.coarseClass, "quantity")
        XCTAssertEqual(c.anomalyScore, 0.975, accuracy: 1e-9, "1/2 + 0.95/2: an anomalous verdict from steps of confidence 0.95")
        XCTAssertEqual(Set(c.modelTypes), Set(types))
    }

    func testBoxesLandOnTheClassifiedImagesPixels() throws {
        // The same response read for a full-resolution image of 4x the size: location words are
        // relative to width and height, so boxes scale with the image (within half a bin).
        let annotation = JuiceBottleResponses.annotation()
        let (text, _) = try JuiceBottleResponses.response(for: annotation)
        let trace = JuiceBottleResponses.trace(text)
        let c = ResponseInterpreter(plan: try JuiceBottleResponses.plan).interpret(trace, image: "big.png", width: 512, height: 1024)
        let label = try XCTUnwrap(c.steps.first { $0.subquery == "Where is the top label?" })
        let box = try XCTUnwrap(label.boxes.first)
        let truth = try XCTUnwrap(annotation.parts(of: "top_label").first).box
        let binX = 512.0 / 64, binY = 1024.0 / 64
        XCTAssertEqual(box.x0, truth.x0 * 4, accuracy: binX); XCTAssertEqual(box.x1, truth.x1 * 4, accuracy: binX)
        XCTAssertEqual(box.y0, truth.y0 * 4, accuracy: binY); XCTAssertEqual(box.y1, truth.y1 * 4, accuracy: binY)
        XCTAssertGreaterThan(box.iou(Box(x0: truth.x0 * 4, y0: truth.y0 * 4, x1: truth.x1 * 4, y1: truth.y1 * 4)), 0.7)
    }

    func testADisagreeingModelVerdictIsReported() throws {
        let (text, _) = try JuiceBottleResponses.response(for: JuiceBottleResponses.annotation(icon: "orange"))
        // The steps show the wrong icon, but the model's last line says normal.
        let lines = text.split(separator: "\n").dropLast().joined(separator: "\n") + "\nverdict: normal"
        let c = ResponseInterpreter(plan: try JuiceBottleResponses.plan)
            .interpret(JuiceBottleResponses.trace(lines, overrides: ["normal": 0.6]), image: "c.png", width: 128, height: 256)
        XCTAssertEqual(c.verdict, .anomalous)
        XCTAssertEqual(c.violatedTypes.map(\.type), ["wrong_juice_type"])
        XCTAssertEqual(c.modelVerdict, .normal)
        XCTAssertFalse(c.agreesWithRules)
        XCTAssertEqual(c.anomalyScore, 0.95, accuracy: 1e-9, "the score follows the steps, not the contradicting verdict line")
    }

    func testGarbageGivesNoModelVerdictAndTheMaximalScore() throws {
        let c = ResponseInterpreter(plan: try JuiceBottleResponses.plan)
            .interpret(JuiceBottleResponses.trace("bottle bottle\n\nred"), image: "d.png", width: 128, height: 256)
        XCTAssertNil(c.modelVerdict)
        XCTAssertFalse(c.agreesWithRules)
        XCTAssertEqual(c.anomalyScore, AnomalyScore.unreadable)
        XCTAssertTrue(c.steps.isEmpty)
        // Nothing was checked, so nothing shows the bottle is normal.
        XCTAssertEqual(c.verdict, .anomalous)
        XCTAssertEqual(c.violatedTypes, [])
        XCTAssertEqual(c.unanswered, ["juice", "top_label", "bottom_label"])
    }

    func testAnInspectionThatSkipsARequiredStepIsNotNormal() throws {
        let (text, _) = try JuiceBottleResponses.response(for: JuiceBottleResponses.annotation())
        let withoutFill = text.split(separator: "\n").filter { !$0.hasPrefix("fill") }.joined(separator: "\n")
        XCTAssertNotEqual(withoutFill, text)
        let c = ResponseInterpreter(plan: try JuiceBottleResponses.plan)
            .interpret(JuiceBottleResponses.trace(withoutFill), image: "f.png", width: 128, height: 256)
        XCTAssertEqual(c.modelVerdict, .normal)
        XCTAssertEqual(c.unanswered, ["fill"])
        XCTAssertEqual(c.verdict, .anomalous)
        XCTAssertFalse(c.agreesWithRules)
    }

    func testAStepsConfidenceIsTheGeometricMeanOfItsLine() throws {
        let (text, _) = try JuiceBottleResponses.response(for: JuiceBottleResponses.annotation())
        let lines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        // Lower one word found once in the whole response: its line's geometric mean drops accordingly.
        let (line, unique) = try XCTUnwrap(lines.indices.lazy.compactMap { i in
            lines[i].first { w in text.components(separatedBy: w).count == 2 }.map { (i, $0) }
        }.first)
        let trace = JuiceBottleResponses.trace(text, probability: 1.0, overrides: [unique: 0.25])
        let c = ResponseInterpreter(plan: try JuiceBottleResponses.plan).interpret(trace, image: "e.png", width: 128, height: 256)
        // The line's tokens are its words (the newline that ends it is not part of the step).
        XCTAssertEqual(c.steps[line].confidence, pow(0.25, 1.0 / Double(lines[line].count)), accuracy: 1e-9)
        XCTAssertEqual(c.steps[(line + 1) % c.steps.count].confidence, 1.0, accuracy: 1e-9)
    }
}
