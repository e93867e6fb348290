/// Counts of one binary decision over a set of images: true/false positives and negatives.
/// Every rate that would divide by zero is 0 (scikit-learn's `zero_division=0`), so a type that
/// is never predicted and never present scores 0 rather than NaN.
public struct BinaryCounts: Codable, Hashable, Sendable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var trueNegatives: Int

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// Counts `predicted` against `labelled`, pairwise.
    public init(predicted: [Bool], labelled: [Bool]) {
        precondition(predicted.count == labelled.count,
                     "BinaryCounts: \(predicted.count) predictions for \(labelled.count) labels")
        self.init()
        for (p, l) in zip(predicted, labelled) { add(predicted: p, labelled: l) }
    }

    /// Adds one decision.
    public mutating func add(predicted: Bool, labelled: Bool) {
        switch (predicted, labelled) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    public var total: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    /// Number of labelled positives (the type's support).
    public var support: Int { truePositives + falseNegatives }

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    /// Harmonic mean of precision and recall, `2 TP / (2 TP + FP + FN)`.
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }
    public var accuracy: Double { ratio(truePositives + trueNegatives, total) }
}

@inline(__always) func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator == 0 ? 0 : Double(numerator) / Double(denominator)
}
