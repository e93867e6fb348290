import Metrics
import XCTest

/// AUROC and F1-max against values worked out by hand (pair counting and threshold sweeps).
final class RankingMetricsTests: XCTestCase {
    func testAUROCWithoutTies() {
        // Pairs (positive, negative): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4.
        XCTAssertEqual(areaUnderROC(scores: [0.1, 0.4, 0.35, 0.8], positives: [false, false, true, true])!, 0.75, accuracy: 1e-12)
    }

    func testAUROCCountsTiesAsHalf() {
        // Positives {0.5, 0.9}, negatives {0.5, 0.2}: 0.5=0.5 counts 1/2, the other three pairs 1 -> 3.5 / 4.
        XCTAssertEqual(areaUnderROC(scores: [0.5, 0.5, 0.2, 0.9], positives: [true, false, false, true])!, 0.875, accuracy: 1e-12)
        // Every score equal: chance.
        XCTAssertEqual(areaUnderROC(scores: [1, 1, 1], positives: [true, false, true])!, 0.5, accuracy: 1e-12)
    }

    func testAUROCOfPerfectAndInvertedRankings() {
        XCTAssertEqual(areaUnderROC(scores: [0, 1, 2, 3], positives: [false, false, true, true]), 1)
        XCTAssertEqual(areaUnderROC(scores: [3, 2, 1, 0], positives: [false, false, true, true]), 0)
    }

    func testAUROCIsUndefinedWithOneClass() {
        XCTAssertNil(areaUnderROC(scores: [0.2, 0.3], positives: [true, true]))
        XCTAssertNil(areaUnderROC(scores: [0.2, 0.3], positives: [false, false]))
        XCTAssertNil(areaUnderROC(scores: [], positives: []))
    }

    func testF1MaxSweepsEveryThreshold() throws {
        // Thresholds 0.9..0.5 give F1 1/2, 2/5, 2/3, 6/7, 3/4: best 6/7 at 0.6 (TP 3, FP 1, FN 0).
        let best = try XCTUnwrap(maximumF1(scores: [0.9, 0.8, 0.7, 0.6, 0.5], positives: [true, false, true, true, false]))
        XCTAssertEqual(best.f1, 6.0 / 7.0, accuracy: 1e-12)
        XCTAssertEqual(best.threshold, 0.6)
        XCTAssertEqual(best.counts, BinaryCounts(truePositives: 3, falsePositives: 1, falseNegatives: 0, trueNegatives: 1))
    }

    func testF1MaxMovesTiedScoresTogether() throws {
        // At 0.5 both tied images are flagged (TP 1, FP 1, FN 1: F1 1/2); at 0.2 F1 is 4/5.
        let best = try XCTUnwrap(maximumF1(scores: [0.5, 0.5, 0.2], positives: [true, false, true]))
        XCTAssertEqual(best.f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(best.threshold, 0.2)
    }

    func testF1MaxIsUndefinedWithoutPositives() {
        XCTAssertNil(maximumF1(scores: [0.1, 0.2], positives: [false, false]))
    }

    func testBinaryCountsRates() {
        let c = BinaryCounts(predicted: [true, true, false, false, true], labelled: [true, false, true, false, true])
        XCTAssertEqual(c, BinaryCounts(truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 1))
        XCTAssertEqual(c.precision, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(c.recall, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(c.f1, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(c.accuracy, 0.6, accuracy: 1e-12)
        // Nothing predicted, nothing labelled: rates are 0, not NaN.
        let empty = BinaryCounts(trueNegatives: 3)
        XCTAssertEqual(empty.precision, 0)
        XCTAssertEqual(empty.recall, 0)
        XCTAssertEqual(empty.f1, 0)
        XCTAssertEqual(empty.accuracy, 1)
    }
}
