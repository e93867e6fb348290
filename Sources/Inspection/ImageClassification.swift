/// Everything `classify` says about one image: the decision, how sure, which rules broke, and the
/// steps that show it. The JSON form is documented in docs/report-schema.md.
public struct ImageClassification: Codable, Hashable, Sendable {
    /// The image path as given.
    public var image: String
    /// Size of the image in pixels; evidence boxes are in these pixels.
    public var width: Int
    public var height: Int
    /// The decision: the rule engine's verdict recomputed from the step answers, so that every
    /// reported violation is backed by the steps. An inspection that leaves a required subquery
    /// unanswered cannot show the product is normal, so it is anomalous (see `unanswered`).
    public var verdict: Verdict
    /// In [0, 1], higher is more anomalous; continuous so that AUROC can be computed
    /// (see `AnomalyScore`).
    public var anomalyScore: Double
    /// The fine types the rule engine found, with their coarse classes; empty when normal.
    public var violatedTypes: [ViolatedType]
    public var steps: [EvidenceStep]
    /// Ids of the subqueries the plan required (given the answers read) that the response does
    /// not answer; empty for a complete inspection.
    public var unanswered: [String]
    /// The verdict the model wrote itself; nil when its output has no readable verdict.
    public var modelVerdict: Verdict?
    /// The fine types the model's own verdict names (empty for `normal`).
    public var modelTypes: [String]
    /// Whether the model's verdict equals the rule engine's.
    public var agreesWithRules: Bool
    /// The model's output, unchanged.
    public var generatedText: String

    public init(image: String, width: Int, height: Int, verdict: Verdict, anomalyScore: Double,
                violatedTypes: [ViolatedType], steps: [EvidenceStep], unanswered: [String] = [], modelVerdict: Verdict?,
                modelTypes: [String], generatedText: String) {
        precondition((0...1).contains(anomalyScore), "anomaly score must lie in [0, 1], got \(anomalyScore)")
        self.image = image; self.width = width; self.height = height; self.verdict = verdict
        self.anomalyScore = anomalyScore; self.violatedTypes = violatedTypes; self.steps = steps
        self.unanswered = unanswered
        self.modelVerdict = modelVerdict; self.modelTypes = modelTypes
        self.agreesWithRules = modelVerdict == verdict
        self.generatedText = generatedText
    }

    enum CodingKeys: String, CodingKey {
        case image, width, height, verdict
        case anomalyScore = "anomaly_score", violatedTypes = "violated_types", steps, unanswered
        case modelVerdict = "model_verdict", modelTypes = "model_types"
        case agreesWithRules = "agrees_with_rules", generatedText = "generated_text"
    }

    /// Every key is written; `model_verdict` is `null` when the model wrote no readable verdict.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(image, forKey: .image)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(anomalyScore, forKey: .anomalyScore)
        try c.encode(violatedTypes, forKey: .violatedTypes)
        try c.encode(steps, forKey: .steps)
        try c.encode(unanswered, forKey: .unanswered)
        try c.encode(modelVerdict, forKey: .modelVerdict)
        try c.encode(modelTypes, forKey: .modelTypes)
        try c.encode(agreesWithRules, forKey: .agreesWithRules)
        try c.encode(generatedText, forKey: .generatedText)
    }
}
