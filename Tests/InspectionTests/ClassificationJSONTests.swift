import Foundation
import Inspection
import XCTest

/// The JSON of a run has every documented field, for classified and failed images alike.
final class ClassificationJSONTests: XCTestCase {
    private func object(_ run: ClassificationRun) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: run.jsonData()) as? [String: Any])
    }

    func testEveryFieldIsPresent() throws {
        let run = ClassificationRun(category: "juice_bottle", model: "models/default", entries: [
            .classified(Fixtures.classification(image: "a.png")),
            .failed(image: "b.png", error: "b.png: not a PNG or JPEG image"),
        ])
        let json = try object(run)
        XCTAssertEqual(json["category"] as? String, "juice_bottle")
        XCTAssertEqual(json["model"] as? String, "models/default")
        XCTAssertEqual(json["failed"] as? Int, 1)
        let images = try XCTUnwrap(json["images"] as? [[String: Any]])
        XCTAssertEqual(images.count, 2)

        let ok = images[0]
        XCTAssertEqual(Set(ok.keys), ["status", "image", "width", "height", "verdict", "anomaly_score",
                                      "violated_types", "steps", "unanswered", "model_verdict", "model_types",
                                      "agrees_with_rules", "generated_text"])
        XCTAssertEqual(ok["status"] as? String, "ok")
        XCTAssertEqual(ok["verdict"] as? String, "anomalous")
        XCTAssertEqual(ok["anomaly_score"] as? Double, 0.83)
        XCTAssertEqual(ok["agrees_with_rules"] as? Bool, true)
        let types = try XCTUnwrap(ok["violated_types"] as? [[String: Any]])
        XCTAssertEqual(types.first?["type"] as? String, "missing_fruit_icon")
        XCTAssertEqual(types.first?["coarse_class"] as? String, "quantity")
        let steps = try XCTUnwrap(ok["steps"] as? [[String: Any]])
        XCTAssertEqual(Set(steps[0].keys), ["index", "id", "subquery", "answer", "boxes", "confidence"])
        XCTAssertEqual(steps[0]["boxes"] as? [[Double]], [[10, 12, 40, 30]])

        let bad = images[1]
        XCTAssertEqual(Set(bad.keys), ["status", "image", "error"])
        XCTAssertEqual(bad["status"] as? String, "error")
        XCTAssertEqual(bad["image"] as? String, "b.png")
        XCTAssertEqual(bad["error"] as? String, "b.png: not a PNG or JPEG image")
    }

    func testAnUnreadableModelVerdictIsWrittenAsNull() throws {
        var c = Fixtures.classification(image: "a.png")
        c = ImageClassification(image: c.image, width: c.width, height: c.height, verdict: c.verdict,
                                anomalyScore: 1, violatedTypes: c.violatedTypes, steps: [], modelVerdict: nil,
                                modelTypes: [], generatedText: "")
        let json = try object(ClassificationRun(category: "juice_bottle", model: "m", entries: [.classified(c)]))
        let entry = try XCTUnwrap((json["images"] as? [[String: Any]])?.first)
        XCTAssertTrue(entry["model_verdict"] is NSNull)
        XCTAssertEqual(entry["agrees_with_rules"] as? Bool, false)
    }

    func testRoundTripsThroughJSON() throws {
        let run = ClassificationRun(category: "pushpins", model: "m", entries: [
            .classified(Fixtures.classification(image: "a.png")), .failed(image: "c.jpg", error: "why"),
        ])
        let decoded = try JSONDecoder().decode(ClassificationRun.self, from: run.jsonData())
        XCTAssertEqual(decoded, run)
    }

    func testAgreementComparesTheModelVerdictWithTheRuleVerdict() {
        var c = Fixtures.classification(image: "a.png")
        XCTAssertTrue(c.agreesWithRules)
        c = ImageClassification(image: "a.png", width: 1, height: 1, verdict: .anomalous, anomalyScore: 0.2,
                                violatedTypes: [], steps: [], modelVerdict: .normal, modelTypes: [], generatedText: "")
        XCTAssertFalse(c.agreesWithRules)
        c = ImageClassification(image: "a.png", width: 1, height: 1, verdict: .normal, anomalyScore: 1,
                                violatedTypes: [], steps: [], modelVerdict: nil, modelTypes: [], generatedText: "")
        XCTAssertFalse(c.agreesWithRules)
    }
}
