/// The best F1 of the decision "score >= threshold" over every threshold, with the threshold
/// that reaches it and the counts there.
public struct ThresholdF1: Codable, Hashable, Sendable {
    public var f1: Double
    public var threshold: Double
    public var counts: BinaryCounts
}

/// F1-max: the highest F1 that any threshold on `scores` reaches for `positives`. Each distinct
/// score is tried as a threshold (images scoring at or above it are flagged); on equal F1 the
/// higher threshold wins. Returns nil when there is no positive (F1 is then 0 everywhere).
public func maximumF1(scores: [Double], positives: [Bool]) -> ThresholdF1? {
    precondition(scores.count == positives.count, "maximumF1: \(scores.count) scores for \(positives.count) labels")
    let positiveCount = positives.filter { $0 }.count
    guard positiveCount > 0 else { return nil }
    precondition(!scores.contains { $0.isNaN }, "maximumF1: a score is NaN")

    // Sweep thresholds from the highest score down, moving each group of tied scores at once.
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var counts = BinaryCounts(falseNegatives: positiveCount, trueNegatives: positives.count - positiveCount)
    var best: ThresholdF1?
    var start = 0
    while start < order.count {
        let threshold = scores[order[start]]
        var end = start
        while end < order.count, scores[order[end]] == threshold {
            if positives[order[end]] {
                counts.truePositives += 1; counts.falseNegatives -= 1
            } else {
                counts.falsePositives += 1; counts.trueNegatives -= 1
            }
            end += 1
        }
        if best == nil || counts.f1 > best!.f1 { best = ThresholdF1(f1: counts.f1, threshold: threshold, counts: counts) }
        start = end
    }
    return best
}
