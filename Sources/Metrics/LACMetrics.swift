import Annotations

/// What a classifier said about one image, beside what the image is labelled with.
public struct ImageOutcome: Codable, Hashable, Sendable {
    public var category: String
    /// The labelled logical types; empty for a good image.
    public var labelled: Set<String>
    /// The predicted types; empty when the image was judged normal.
    public var predicted: Set<String>
    /// How anomalous the classifier finds the image (higher = more anomalous), for AUROC/F1-max.
    public var anomalyScore: Double
    /// Boxes the classifier cited, and the annotated boxes of the same parts (empty when unknown).
    public var citedBoxes: [LabelledBox]
    public var annotatedBoxes: [LabelledBox]

    public init(category: String, labelled: Set<String>, predicted: Set<String>, anomalyScore: Double,
                citedBoxes: [LabelledBox] = [], annotatedBoxes: [LabelledBox] = []) {
        self.category = category
        self.labelled = labelled
        self.predicted = predicted
        self.anomalyScore = anomalyScore
        self.citedBoxes = citedBoxes
        self.annotatedBoxes = annotatedBoxes
    }
}

/// The logical anomaly classification (LAC) metrics of a set of images.
///
/// Pass good and logical-anomaly images only: following the MVTec LOCO protocol for logical
/// anomalies, structural anomalies are left out. AUROC is computed per category (logical vs
/// good) and averaged, as LOCO reports it, and also over all images pooled.
public struct LACMetrics: Codable, Hashable, Sendable {
    public var imageCount: Int
    /// Image-level AUROC per category; a category without both good and logical images is absent.
    public var aurocPerCategory: [String: Double]
    /// Mean of `aurocPerCategory`; nil when it is empty.
    public var meanAUROC: Double?
    /// AUROC over all images pooled; nil without both classes.
    public var pooledAUROC: Double?
    /// Best F1 of anomalous-vs-good over thresholds on the anomaly score; nil without anomalies.
    public var f1Max: ThresholdF1?
    /// Anomalous-vs-good decision (a non-empty predicted set) against the labels.
    public var detection: BinaryCounts
    /// Fine types: per-type precision/recall/F1, macro-F1, exact match, type accuracy.
    public var types: MultiLabelMetrics
    /// The same scores over coarse classes (quantity, layout, composition).
    public var coarse: MultiLabelMetrics
    /// Mean grounding IoU over images that have annotated or cited boxes; nil when none has.
    public var meanGroundingIoU: Double?
    /// Labelled case against predicted case ("good" or the types joined by "+").
    public var confusion: ConfusionMatrix

    /// Accuracy of the anomalous-vs-good decision.
    public var accuracy: Double { detection.accuracy }

    /// Computes every metric. `coarseClass` maps each fine type to its coarse class; a labelled or
    /// predicted type missing from it throws `MetricsError.unknownType`.
    public init(outcomes: [ImageOutcome], coarseClass: [String: String]) throws {
        imageCount = outcomes.count
        let positives = outcomes.map { !$0.labelled.isEmpty }
        let scores = outcomes.map(\.anomalyScore)

        var perCategory: [String: Double] = [:]
        for category in Set(outcomes.map(\.category)) {
            let subset = outcomes.filter { $0.category == category }
            if let auc = areaUnderROC(scores: subset.map(\.anomalyScore), positives: subset.map { !$0.labelled.isEmpty }) {
                perCategory[category] = auc
            }
        }
        aurocPerCategory = perCategory
        meanAUROC = perCategory.isEmpty ? nil : perCategory.values.reduce(0, +) / Double(perCategory.count)
        pooledAUROC = areaUnderROC(scores: scores, positives: positives)
        f1Max = maximumF1(scores: scores, positives: positives)
        detection = BinaryCounts(predicted: outcomes.map { !$0.predicted.isEmpty }, labelled: positives)

        let labelled = outcomes.map(\.labelled), predicted = outcomes.map(\.predicted)
        types = MultiLabelMetrics(labelled: labelled, predicted: predicted)
        coarse = MultiLabelMetrics(labelled: try coarseSets(labelled, coarseClass: coarseClass),
                                   predicted: try coarseSets(predicted, coarseClass: coarseClass))

        let ious = outcomes.compactMap { groundingIoU(predicted: $0.citedBoxes, reference: $0.annotatedBoxes) }
        meanGroundingIoU = ious.isEmpty ? nil : ious.reduce(0, +) / Double(ious.count)
        confusion = ConfusionMatrix(labelled: labelled.map(ConfusionMatrix.caseName(of:)),
                                    predicted: predicted.map(ConfusionMatrix.caseName(of:)))
    }
}
