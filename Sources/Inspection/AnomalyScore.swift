/// The continuous anomaly score of an image, in [0, 1]: the verdict the rule engine computed from
/// the model's steps, graded by how sure the model was of those steps.
///
/// The reported verdict is the rule engine's, so the score agrees with it: above 1/2 for an
/// anomalous verdict, below for a normal one. With c the confidence of the least sure step (a
/// verdict is only as good as its weakest answer), the score is `1/2 + c/2` for anomalous and
/// `1/2 - c/2` for normal. Sure anomalies come first, then unsure anomalies, unsure normals and
/// sure normals: the ranking AUROC needs. The model's own verdict line is not used: it may
/// contradict the steps (reported as `agrees_with_rules`), and the steps are the evidence.
public enum AnomalyScore {
    /// The score of `verdict` computed from steps answered with `stepConfidences` (each in [0, 1]);
    /// `unreadable` when there is no step.
    public static func score(verdict: Verdict, stepConfidences: [Double]) -> Double {
        guard let weakest = stepConfidences.min() else { return unreadable }
        let c = min(1, max(0, weakest))
        switch verdict {
        case .normal: return 0.5 - 0.5 * c
        case .anomalous: return 0.5 + 0.5 * c
        }
    }

    /// The score of an output with no readable step: the model could not inspect the image, which
    /// is treated as maximally suspicious.
    public static let unreadable = 1.0
}
