import Annotations
import Metrics
import XCTest

/// Multi-label type scores, coarse classes, confusion data and grounding IoU on small cases
/// whose values are counted by hand.
final class ClassificationMetricsTests: XCTestCase {
    // Image 0 right, image 1 misses b, image 2 is good but predicted b, image 3 misses c.
    let labelled: [Set<String>] = [["a"], ["a", "b"], [], ["c"]]
    let predicted: [Set<String>] = [["a"], ["a"], ["b"], []]
    let coarseClass = ["a": "quantity", "b": "layout", "c": "quantity", "d": "composition"]

    func testPerTypeCountsAndMacroF1() throws {
        let m = MultiLabelMetrics(labelled: labelled, predicted: predicted)
        XCTAssertEqual(m.perType["a"], BinaryCounts(truePositives: 2, trueNegatives: 2))
        XCTAssertEqual(m.perType["b"], BinaryCounts(falsePositives: 1, falseNegatives: 1, trueNegatives: 2))
        XCTAssertEqual(m.perType["c"], BinaryCounts(falseNegatives: 1, trueNegatives: 3))
        XCTAssertEqual(m.perType["a"]!.f1, 1)
        XCTAssertEqual(m.perType["b"]!.f1, 0)
        XCTAssertEqual(m.presentTypes, ["a", "b", "c"])
        XCTAssertEqual(m.macroF1, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(m.exactMatch, 0.25, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(m.typeAccuracy), 1.0 / 3.0, accuracy: 1e-12)
    }

    func testMacroF1LeavesOutTypesOnlyPredicted() {
        // d is predicted once but never labelled: it is reported, yet does not lower macro-F1.
        let m = MultiLabelMetrics(labelled: [["a"], []], predicted: [["a"], ["d"]], types: ["e"])
        XCTAssertEqual(m.perType["d"], BinaryCounts(falsePositives: 1, trueNegatives: 1))
        XCTAssertEqual(m.perType["e"], BinaryCounts(trueNegatives: 2))
        XCTAssertEqual(m.presentTypes, ["a"])
        XCTAssertEqual(m.macroF1, 1)
        XCTAssertEqual(m.exactMatch, 0.5)
        XCTAssertEqual(m.typeAccuracy, 1)
    }

    func testTypeAccuracyIsUndefinedWithoutAnomalies() {
        XCTAssertNil(MultiLabelMetrics(labelled: [[], []], predicted: [[], ["a"]]).typeAccuracy)
    }

    func testCoarseSets() throws {
        let coarse = try coarseSets(labelled, coarseClass: coarseClass)
        XCTAssertEqual(coarse, [["quantity"], ["quantity", "layout"], [], ["quantity"]])
        XCTAssertThrowsError(try coarseSets([["zzz"]], coarseClass: coarseClass)) { error in
            XCTAssertEqual(error as? MetricsError, .unknownType("zzz"))
        }
    }

    func testConfusionMatrixOfCases() {
        let m = ConfusionMatrix(labelled: labelled.map(ConfusionMatrix.caseName(of:)),
                                predicted: predicted.map(ConfusionMatrix.caseName(of:)))
        XCTAssertEqual(m.classes, ["a", "a+b", "b", "c", "good"])
        XCTAssertEqual(m.count(labelled: "a", predicted: "a"), 1)
        XCTAssertEqual(m.count(labelled: "a+b", predicted: "a"), 1)
        XCTAssertEqual(m.count(labelled: "good", predicted: "b"), 1)
        XCTAssertEqual(m.count(labelled: "c", predicted: "good"), 1)
        XCTAssertEqual(m.counts.joined().reduce(0, +), 4)
        XCTAssertEqual(ConfusionMatrix.caseName(of: ["z", "m"]), "m+z")
    }

    private func box(_ cls: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> LabelledBox {
        LabelledBox(cls: cls, box: Box(x0: x0, y0: y0, x1: x1, y1: y1))
    }

    func testGroundingIoU() throws {
        // Half-overlapping 2x2 squares: intersection 2, union 6.
        XCTAssertEqual(try XCTUnwrap(groundingIoU(predicted: [box("x", 1, 0, 3, 2)], reference: [box("x", 0, 0, 2, 2)])),
                       1.0 / 3.0, accuracy: 1e-12)
        // An extra cited box doubles the denominator.
        XCTAssertEqual(try XCTUnwrap(groundingIoU(predicted: [box("x", 1, 0, 3, 2), box("y", 0, 0, 1, 1)],
                                                  reference: [box("x", 0, 0, 2, 2)])), 1.0 / 6.0, accuracy: 1e-12)
        // A box of another class never matches.
        XCTAssertEqual(groundingIoU(predicted: [box("y", 0, 0, 2, 2)], reference: [box("x", 0, 0, 2, 2)]), 0)
        XCTAssertNil(groundingIoU(predicted: [], reference: []))
    }

    func testGroundingIoUMatchesOneToOne() throws {
        // p1 equals r1 (IoU 1) and is taken first; p0 is left with r0 (1/3), not r1: (1 + 1/3) / 2.
        let reference = [box("x", 0, 0, 2, 2), box("x", 2, 0, 4, 2)]
        let predicted = [box("x", 1, 0, 3, 2), box("x", 2, 0, 4, 2)]
        XCTAssertEqual(try XCTUnwrap(groundingIoU(predicted: predicted, reference: reference)), 2.0 / 3.0, accuracy: 1e-12)
    }

    func testLACMetricsOverTwoCategories() throws {
        let outcomes = [
            // Category p: AUROC 1 (both anomalies score above the good image).
            ImageOutcome(category: "p", labelled: [], predicted: [], anomalyScore: 0.1),
            ImageOutcome(category: "p", labelled: ["a"], predicted: ["a"], anomalyScore: 0.9,
                         citedBoxes: [box("x", 1, 0, 3, 2)], annotatedBoxes: [box("x", 0, 0, 2, 2)]),
            ImageOutcome(category: "p", labelled: ["b"], predicted: [], anomalyScore: 0.4),
            // Category q: one pair, tied: AUROC 1/2.
            ImageOutcome(category: "q", labelled: [], predicted: ["c"], anomalyScore: 0.5),
            ImageOutcome(category: "q", labelled: ["c"], predicted: ["c"], anomalyScore: 0.5,
                         citedBoxes: [box("x", 0, 0, 2, 2)], annotatedBoxes: [box("x", 0, 0, 2, 2)]),
        ]
        let m = try LACMetrics(outcomes: outcomes, coarseClass: coarseClass)
        XCTAssertEqual(m.imageCount, 5)
        XCTAssertEqual(m.aurocPerCategory, ["p": 1, "q": 0.5])
        XCTAssertEqual(try XCTUnwrap(m.meanAUROC), 0.75, accuracy: 1e-12)
        // Pooled: positives {0.9, 0.4, 0.5}, negatives {0.1, 0.5}: 1+1 + 1+0 + 1+0.5 = 4.5 of 6.
        XCTAssertEqual(try XCTUnwrap(m.pooledAUROC), 0.75, accuracy: 1e-12)
        // Detection: TP 2 (a, c), FN 1 (b), FP 1 (good q), TN 1.
        XCTAssertEqual(m.detection, BinaryCounts(truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 1))
        XCTAssertEqual(m.accuracy, 0.6, accuracy: 1e-12)
        XCTAssertEqual(m.types.exactMatch, 0.6, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(m.types.typeAccuracy), 2.0 / 3.0, accuracy: 1e-12)
        // Coarse: quantity TP 2 (a, c), FP 1 (good q); layout FN 1 (b). Macro = (4/5 + 0) / 2.
        XCTAssertEqual(m.coarse.perType["quantity"], BinaryCounts(truePositives: 2, falsePositives: 1, trueNegatives: 2))
        XCTAssertEqual(m.coarse.macroF1, 0.4, accuracy: 1e-12)
        // Grounding over the two images with boxes: (1/3 + 1) / 2.
        XCTAssertEqual(try XCTUnwrap(m.meanGroundingIoU), 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(m.confusion.count(labelled: "good", predicted: "c"), 1)
        XCTAssertEqual(try XCTUnwrap(m.f1Max).f1, 6.0 / 7.0, accuracy: 1e-12)  // at 0.4: TP 3, FP 1, FN 0
        XCTAssertThrowsError(try LACMetrics(outcomes: [ImageOutcome(category: "p", labelled: ["zzz"], predicted: [], anomalyScore: 1)],
                                            coarseClass: coarseClass))
    }
}
