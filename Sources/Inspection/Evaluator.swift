import Annotations
import Dataset
import Foundation
import Imaging
import Instruct
import Metrics
import Rules

/// Evaluates classification on a LOCO-layout dataset, category by category, with the LAC metrics.
public struct Evaluator {
    public let generator: ResponseGenerator
    public let modelName: String
    public let batchSize: Int
    /// The model's folder, where it may keep its own rule-books (`ModelRuleBook`).
    public let modelFolder: URL?

    public init(generator: ResponseGenerator, modelName: String, batchSize: Int = 8, modelFolder: URL? = nil) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        self.generator = generator; self.modelName = modelName; self.batchSize = batchSize; self.modelFolder = modelFolder
    }

    /// The images the MVTec LOCO protocol scores for logical anomalies: test/good and
    /// test/logical_anomalies (structural anomalies are left out). A set without test/good (the
    /// real juice_bottle set) uses validation/good as its good images.
    public static func protocolSamples(_ dataset: LocoDataset) -> [Sample] {
        let good = dataset.samples(split: .test, label: .good)
        let logical = dataset.samples(split: .test, label: .logicalAnomalies)
        return (good.isEmpty ? dataset.samples(split: .validation, label: .good) : good) + logical
    }

    /// Classifies the protocol images of `dataset` and scores them. The confusion matrix (labelled
    /// case vs predicted case, `normal` for an empty set) is drawn to
    /// `confusionDirectory/confusion-<category>.png` when a directory is given.
    public func evaluate(_ dataset: LocoDataset, confusionDirectory: URL? = nil,
                         progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> CategoryEvaluation {
        let all = Self.protocolSamples(dataset)
        guard !all.isEmpty else {
            throw InspectionError.datasetEmpty("\(dataset.folder.path) has no good or logical-anomaly test images")
        }
        let samples = try Self.unseen(all, by: modelFolder)
        guard !samples.isEmpty else {
            throw InspectionError.datasetEmpty("the model was trained on all \(all.count) test images of \(dataset.folder.path) "
                                               + "(\(TrainingImages.fileName)); evaluate it on other images")
        }
        let classifier = try Classifier(category: dataset.category, generator: generator, modelName: modelName,
                                        ruleBook: try ModelRuleBook.saved(model: modelFolder, category: dataset.category))
        let plan = classifier.interpreter.plan
        let run = classifier.classify(paths: samples.map(\.imageURL.path), batchSize: batchSize, progress: progress)

        var outcomes: [ImageOutcome] = []
        var verdictRight = 0, agreeing = 0
        let references = GroundingReference(plan: plan)
        for (sample, entry) in zip(samples, run.entries) {
            guard let c = entry.classification else { continue }
            let labelled = Set(sample.defectTypes)
            let (cited, annotated) = sample.annotation.map { (references.cited(c), references.annotated($0)) } ?? ([], [])
            outcomes.append(ImageOutcome(category: dataset.category, labelled: labelled,
                                         predicted: Set(c.violatedTypes.map(\.type)), anomalyScore: c.anomalyScore,
                                         citedBoxes: cited, annotatedBoxes: annotated))
            if (c.modelVerdict == .anomalous) == !labelled.isEmpty, c.modelVerdict != nil { verdictRight += 1 }
            if c.agreesWithRules { agreeing += 1 }
        }
        guard !outcomes.isEmpty else {
            throw InspectionError.datasetEmpty("no image of \(dataset.folder.path) could be classified; first error: "
                                               + (run.entries.first.map { "\($0)" } ?? "none"))
        }
        let metrics = try LACMetrics(outcomes: outcomes, coarseClass: plan.coarse.mapValues(\.rawValue))
        let scores = LACScores(
            auroc: metrics.aurocPerCategory[dataset.category], f1Max: metrics.f1Max?.f1,
            verdictAccuracy: Double(verdictRight) / Double(outcomes.count),
            verdictAgreement: Double(agreeing) / Double(outcomes.count),
            typeMacroF1: metrics.types.macroF1, typeAccuracy: metrics.types.typeAccuracy,
            exactMatch: metrics.types.exactMatch,
            coarseF1: metrics.coarse.presentTypes.isEmpty ? nil : metrics.coarse.macroF1,
            groundingIoU: metrics.meanGroundingIoU)
        let perType = metrics.types.perType.mapValues {
            TypeScores(precision: $0.precision, recall: $0.recall, f1: $0.f1, support: $0.support)
        }
        var confusionPath: String?
        if let confusionDirectory {
            let url = confusionDirectory.appendingPathComponent("confusion-\(dataset.category).png")
            let matrix = ConfusionMatrix(labelled: outcomes.map { Self.caseName($0.labelled) },
                                         predicted: outcomes.map { Self.caseName($0.predicted) })
            do {
                try FileManager.default.createDirectory(at: confusionDirectory, withIntermediateDirectories: true)
                try PNGEncoder.write(try ConfusionMatrixImage.draw(matrix, title: "\(dataset.category): labelled vs predicted"),
                                     to: url)
            } catch {
                throw InspectionError.unwritable(url.path, String(describing: error))
            }
            confusionPath = url.path
        }
        return CategoryEvaluation(scores: scores, images: samples.count, failed: samples.count - outcomes.count,
                                  excludedAsTrained: all.count - samples.count, perType: perType, confusionMatrix: confusionPath)
    }

    /// The samples the model in `modelFolder` was not trained on, by its `TrainingImages` list
    /// (all of them when it keeps none): a model is never scored on its own training images. An
    /// unreadable file is kept: classifying it gives its error entry.
    static func unseen(_ samples: [Sample], by modelFolder: URL?) throws -> [Sample] {
        guard let trained = try TrainingImages.saved(model: modelFolder) else { return samples }
        return samples.filter { (try? trained.contains($0.imageURL)) != true }
    }

    /// A set of types as one confusion-matrix class: `normal`, or the types joined by `+`.
    static func caseName(_ types: Set<String>) -> String {
        types.isEmpty ? Verdict.normal.rawValue : types.sorted().joined(separator: "+")
    }
}
