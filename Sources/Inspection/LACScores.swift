/// The headline logical anomaly classification scores of one category, or their mean over
/// categories. A score is nil where the data cannot define it (AUROC without good images,
/// grounding IoU without annotations) and is written as JSON `null`.
public struct LACScores: Codable, Hashable, Sendable {
    /// Image-level AUROC of the anomaly score, logical anomalies vs good images.
    public var auroc: Double?
    /// Best F1 of anomalous-vs-good over thresholds on the anomaly score.
    public var f1Max: Double?
    /// Fraction of images whose model-written verdict (normal / anomalous) is right.
    public var verdictAccuracy: Double?
    /// Fraction of images whose model-written verdict (normal / anomalous) equals the rule
    /// engine's from the model's own steps (`agrees_with_rules`): whether the verdict follows the
    /// evidence.
    public var verdictAgreement: Double?
    /// Mean F1 over the fine types labelled in the data.
    public var typeMacroF1: Double?
    /// Fraction of logical images whose predicted type set equals the labelled set.
    public var typeAccuracy: Double?
    /// The same over all images, normals included.
    public var exactMatch: Double?
    /// Mean F1 over the coarse classes labelled in the data.
    public var coarseF1: Double?
    /// Mean grounding IoU of evidence boxes against the annotated parts.
    public var groundingIoU: Double?

    public init(auroc: Double? = nil, f1Max: Double? = nil, verdictAccuracy: Double? = nil, verdictAgreement: Double? = nil,
                typeMacroF1: Double? = nil, typeAccuracy: Double? = nil, exactMatch: Double? = nil, coarseF1: Double? = nil,
                groundingIoU: Double? = nil) {
        self.auroc = auroc; self.f1Max = f1Max; self.verdictAccuracy = verdictAccuracy; self.verdictAgreement = verdictAgreement
        self.typeMacroF1 = typeMacroF1
        self.typeAccuracy = typeAccuracy; self.exactMatch = exactMatch; self.coarseF1 = coarseF1
        self.groundingIoU = groundingIoU
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case auroc, f1Max = "f1_max", verdictAccuracy = "verdict_accuracy", verdictAgreement = "verdict_agreement"
        case typeMacroF1 = "type_macro_f1"
        case typeAccuracy = "type_accuracy", exactMatch = "exact_match", coarseF1 = "coarse_f1"
        case groundingIoU = "grounding_iou"
    }

    static let keyPaths: [(CodingKeys, WritableKeyPath<LACScores, Double?>)] = [
        (.auroc, \.auroc), (.f1Max, \.f1Max), (.verdictAccuracy, \.verdictAccuracy), (.verdictAgreement, \.verdictAgreement),
        (.typeMacroF1, \.typeMacroF1),
        (.typeAccuracy, \.typeAccuracy), (.exactMatch, \.exactMatch), (.coarseF1, \.coarseF1),
        (.groundingIoU, \.groundingIoU),
    ]

    /// Every key is written, `null` where the score is undefined.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        for (key, path) in Self.keyPaths { try c.encode(self[keyPath: path], forKey: key) }
    }

    /// Each score averaged over the entries that define it; nil where none does.
    public static func mean(_ all: [LACScores]) -> LACScores {
        var out = LACScores()
        for (_, path) in keyPaths {
            let values = all.compactMap { $0[keyPath: path] }
            out[keyPath: path] = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        return out
    }

    /// Column titles and values in table order, for the Markdown summary.
    static let titles = ["AUROC", "F1-max", "verdict acc.", "agreement", "type macro-F1", "type acc.", "exact match",
                         "coarse F1", "grounding IoU"]
    var values: [Double?] { Self.keyPaths.map { self[keyPath: $0.1] } }
}
