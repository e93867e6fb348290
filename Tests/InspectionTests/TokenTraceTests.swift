import Foundation
import Inspection
import XCTest

/// Step confidences and the anomaly score come from the generated tokens' probabilities.
final class TokenTraceTests: XCTestCase {
    // "1 count: 2\nverdict: normal" split the way a sub-word tokenizer might.
    private let trace = TokenTrace(
        pieces: ["1", " count", ": ", "2", "\n", "verdict", ": ", "nor", "mal"],
        probabilities: [0.9, 0.8, 1.0, 0.5, 1.0, 0.99, 1.0, 0.7, 0.95])

    func testLinesSplitTheTextAtNewlines() {
        XCTAssertEqual(trace.text, "1 count: 2\nverdict: normal")
        XCTAssertEqual(trace.lines.map(\.text), ["1 count: 2", "verdict: normal"])
        XCTAssertEqual(trace.lines.map(\.characters), [0..<10, 11..<26])
    }

    func testTokenAtCharacterFindsTheTokenThatWroteIt() {
        XCTAssertEqual(trace.token(atCharacter: 0), 0)
        XCTAssertEqual(trace.token(atCharacter: 1), 1)      // " count" starts at 1
        XCTAssertEqual(trace.token(atCharacter: 6), 1)      // last character of " count"
        XCTAssertEqual(trace.token(atCharacter: 10), 4)     // the newline
        XCTAssertEqual(trace.token(atCharacter: 20), 7)     // "n" of "normal"
        XCTAssertEqual(trace.token(atCharacter: 25), 8)
        XCTAssertNil(trace.token(atCharacter: 26))
        XCTAssertNil(trace.token(atCharacter: -1))
    }

    func testLineConfidenceIsTheGeometricMeanOfItsTokens() throws {
        let first = try XCTUnwrap(trace.confidence(of: trace.lines[0]))
        XCTAssertEqual(first, pow(0.9 * 0.8 * 1.0 * 0.5, 1.0 / 4), accuracy: 1e-12)
        let second = try XCTUnwrap(trace.confidence(of: trace.lines[1]))
        XCTAssertEqual(second, pow(0.99 * 1.0 * 0.7 * 0.95, 1.0 / 4), accuracy: 1e-12)
        XCTAssertNil(trace.confidence(of: 3..<3))
    }

    func testAZeroProbabilityGivesZeroConfidenceNotNaN() throws {
        let t = TokenTrace(pieces: ["a", "b"], probabilities: [0, 1])
        let c = try XCTUnwrap(t.confidence(of: 0..<2))
        XCTAssertFalse(c.isNaN)
        XCTAssertEqual(c, 0, accuracy: 1e-100)
    }

    func testAnomalyScoreIsTheVerdictGradedByTheLeastSureStep() {
        XCTAssertEqual(AnomalyScore.score(verdict: .normal, stepConfidences: [0.9, 0.6, 0.99]), 0.2, accuracy: 1e-12)
        XCTAssertEqual(AnomalyScore.score(verdict: .anomalous, stepConfidences: [0.9, 0.6, 0.99]), 0.8, accuracy: 1e-12)
        XCTAssertEqual(AnomalyScore.score(verdict: .normal, stepConfidences: [1]), 0)
        XCTAssertEqual(AnomalyScore.score(verdict: .anomalous, stepConfidences: [0]), 0.5)
        XCTAssertEqual(AnomalyScore.score(verdict: .normal, stepConfidences: []), AnomalyScore.unreadable)
    }

    func testScoresOrderImagesByHowAnomalousTheModelThinksThey() {
        let sureNormal = AnomalyScore.score(verdict: .normal, stepConfidences: [0.99])
        let unsureNormal = AnomalyScore.score(verdict: .normal, stepConfidences: [0.99, 0.6])
        let unsureAnomalous = AnomalyScore.score(verdict: .anomalous, stepConfidences: [0.6])
        let sureAnomalous = AnomalyScore.score(verdict: .anomalous, stepConfidences: [0.99])
        XCTAssertLessThan(sureNormal, unsureNormal)
        XCTAssertLessThan(unsureNormal, unsureAnomalous)
        XCTAssertLessThan(unsureAnomalous, sureAnomalous)
    }
}
