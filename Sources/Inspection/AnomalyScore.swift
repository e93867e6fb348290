/// The continuous anomaly score of an image, in [0, 1], from the token that starts the model's
/// verdict word.
///
/// The verdict is a choice between `normal` and an anomalous verdict at one position of the
/// generation; with p the probability of the token the model chose there, the score is `1 - p`
/// when it wrote `normal` and `p` otherwise. Where the model puts its mass on those two choices this
/// is exactly 1 - P(normal); it orders images by how strongly the model leans to "anomalous",
/// which is what AUROC needs, instead of the two values a hard verdict gives.
public enum AnomalyScore {
    /// The score for a verdict whose first token the model chose with `probability`.
    public static func score(verdict: Verdict, probability: Double) -> Double {
        precondition((0...1).contains(probability), "probability must lie in [0, 1], got \(probability)")
        switch verdict {
        case .normal: return 1 - probability
        case .anomalous: return probability
        }
    }

    /// The score of an output with no readable verdict: the model could not finish its
    /// inspection, which is treated as maximally suspicious.
    public static let unreadable = 1.0

    /// The score from the trace, the character offset at which the verdict word starts, and the
    /// verdict it states; `unreadable` when the offset is outside the text.
    public static func score(trace: TokenTrace, verdictAt offset: Int, verdict: Verdict) -> Double {
        guard let token = trace.token(atCharacter: offset) else { return unreadable }
        return score(verdict: verdict, probability: min(1, max(0, trace.probabilities[token])))
    }
}
