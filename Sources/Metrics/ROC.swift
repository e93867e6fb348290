/// Area under the ROC curve of `scores` (higher means more anomalous) for `positives`.
///
/// Computed as the Mann–Whitney statistic: the probability that a random positive scores above a
/// random negative, ties counting one half. This equals the trapezoidal area under the ROC curve
/// with tied scores treated as one threshold, as scikit-learn's `roc_auc_score` computes it.
/// Returns nil when there is no positive or no negative, where the area is undefined.
public func areaUnderROC(scores: [Double], positives: [Bool]) -> Double? {
    precondition(scores.count == positives.count, "areaUnderROC: \(scores.count) scores for \(positives.count) labels")
    let positiveCount = positives.filter { $0 }.count
    let negativeCount = positives.count - positiveCount
    guard positiveCount > 0, negativeCount > 0 else { return nil }
    precondition(!scores.contains { $0.isNaN }, "areaUnderROC: a score is NaN")

    // Average ranks (1-based) over groups of tied scores.
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
        let averageRank = Double(start + end + 2) / 2
        for k in start...end where positives[order[k]] { positiveRankSum += averageRank }
        start = end + 1
    }
    let p = Double(positiveCount), n = Double(negativeCount)
    return (positiveRankSum - p * (p + 1) / 2) / (p * n)
}
