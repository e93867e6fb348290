/// The evaluation of one category: its scores, per-type counts and where its confusion matrix is.
public struct CategoryEvaluation: Codable, Hashable, Sendable {
    public var scores: LACScores
    /// Images evaluated (good and logical), and those that could not be classified (left out of
    /// every score).
    public var images: Int
    public var failed: Int
    /// Test images left out because the model was trained on them (`TrainingImages`).
    public var excludedAsTrained: Int
    public var perType: [String: TypeScores]
    /// Path of the confusion-matrix PNG, when written.
    public var confusionMatrix: String?

    public init(scores: LACScores, images: Int, failed: Int, excludedAsTrained: Int = 0, perType: [String: TypeScores],
                confusionMatrix: String?) {
        self.scores = scores; self.images = images; self.failed = failed; self.excludedAsTrained = excludedAsTrained
        self.perType = perType; self.confusionMatrix = confusionMatrix
    }

    enum CodingKeys: String, CodingKey {
        case images, failed, excludedAsTrained = "excluded_as_trained", perType = "per_type", confusionMatrix = "confusion_matrix"
    }

    /// The scores' keys sit directly in the category object (`categories.<name>.auroc`).
    public func encode(to encoder: Encoder) throws {
        try scores.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(images, forKey: .images)
        try c.encode(failed, forKey: .failed)
        try c.encode(excludedAsTrained, forKey: .excludedAsTrained)
        try c.encode(perType, forKey: .perType)
        try c.encode(confusionMatrix, forKey: .confusionMatrix)
    }

    public init(from decoder: Decoder) throws {
        scores = try LACScores(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        images = try c.decode(Int.self, forKey: .images)
        failed = try c.decode(Int.self, forKey: .failed)
        excludedAsTrained = try c.decodeIfPresent(Int.self, forKey: .excludedAsTrained) ?? 0
        perType = try c.decode([String: TypeScores].self, forKey: .perType)
        confusionMatrix = try c.decodeIfPresent(String.self, forKey: .confusionMatrix)
    }
}
