import Dataset
import Foundation
import Instruct
import Randomness
import Rules

/// Samples written on the fly from a LOCO-layout folder with annotations: each draw takes an
/// annotated image of the unit and writes its chain-of-thought with a fresh paraphrase. Images
/// are grouped by defect case; a unit's frequency is its number of images. Structural anomalies
/// are left out (they break no rule), and so are images without an annotation.
public struct DatasetSource: TrainingSource {
    public let root: URL
    public let caseUnits: [String]
    public let caseFrequencies: [Double]
    public let subqueryUnits: [String]
    public let subqueryFrequencies: [Double]
    private let samples: [Sample]
    private let caseMembers: [[Int]]
    private let subqueries: [(category: String, id: String)]
    private let synthesizers: [String: InstructionSynthesizer]
    private let images = ImageCache()
    private let augmentation: TrainingAugmentation

    /// Reads `root` (a dataset root with category folders, or one category folder) for `splits`;
    /// `ruleBook`, when given, replaces the shipped rule-book of its category; `augmentation` is
    /// the chance that a drawn image is augmented.
    public init(root: URL, splits: [String], paraphrase: Bool, augmentation: Double = 0, ruleBook: RuleBook? = nil) throws {
        self.root = root
        var datasets: [LocoDataset] = []
        let categories = try LocoDataset.categories(in: root)
        if categories.isEmpty {
            datasets = [try LocoDataset(categoryFolder: root, category: root.lastPathComponent)]
        } else {
            datasets = try categories.map { try LocoDataset(root: root, category: $0) }
        }
        let wanted = Set(splits)
        let samples = datasets.flatMap(\.samples).filter {
            wanted.contains($0.split.rawValue) && $0.label != .structuralAnomalies && $0.annotation != nil
        }
        guard !samples.isEmpty else {
            throw TrainingError.invalidData("\(root.path) holds no annotated good or logical-anomaly image in the splits \(splits.joined(separator: ", "))")
        }
        self.samples = samples
        let present = Array(Set(samples.map(\.category))).sorted()
        let synthesizers = try Training.synthesizers(for: present, paraphrase: paraphrase, ruleBook: ruleBook)
        self.synthesizers = synthesizers
        self.augmentation = TrainingAugmentation(probability: augmentation, synthesizers: synthesizers)
        var members: [String: [Int]] = [:]
        for (i, s) in samples.enumerated() {
            members[TrainingUnit.caseUnit(category: s.category, defects: s.annotation!.defects), default: []].append(i)
        }
        caseUnits = members.keys.sorted()
        caseMembers = caseUnits.map { members[$0]! }
        caseFrequencies = caseMembers.map { Double($0.count) }
        subqueries = present.flatMap { category in synthesizers[category]!.plan.subqueries.map { (category, $0.id) } }
        subqueryUnits = subqueries.map { TrainingUnit.subqueryUnit(category: $0.category, subquery: $0.id) }
        subqueryFrequencies = Array(repeating: 1, count: subqueries.count)
    }

    public var imageFiles: [URL] { samples.map(\.imageURL) }

    public func inspection(caseUnit: Int, seed: UInt64) throws -> DrawnSample {
        var generator = SeededGenerator(seed: seed)
        let members = caseMembers[caseUnit]
        let sample = samples[generator.pick(members)]
        let (image, annotation, applied) = try augmentation.apply(try images.image(at: sample.imageURL), sample.annotation!,
                                                                  category: sample.category, using: &generator)
        let drawn = try synthesizers[sample.category]!.inspection(image: image, annotation: annotation, augmentations: applied, using: &generator)
        return DrawnSample(sample: drawn, image: image, annotation: annotation)
    }

    /// An image of the subquery's category drawn uniformly, until the subquery applies to it.
    public func subquerySample(subqueryUnit: Int, seed: UInt64) throws -> DrawnSample {
        var generator = SeededGenerator(seed: seed)
        let (category, id) = subqueries[subqueryUnit]
        let candidates = samples.indices.filter { samples[$0].category == category }
        for _ in 0..<8 {
            let sample = samples[generator.pick(candidates)]
            let (image, annotation, applied) = try augmentation.apply(try images.image(at: sample.imageURL), sample.annotation!,
                                                                      category: category, using: &generator)
            let drawn = try synthesizers[category]!.subquerySamples(.pixels(image), width: image.width, height: image.height,
                                                                    annotation: annotation, augmentations: applied, using: &generator)
            if let s = drawn.first(where: { $0.subquery == id }) { return DrawnSample(sample: s, image: image, annotation: annotation) }
        }
        throw TrainingError.invalidData("subquery '\(id)' of \(category) applied to none of 8 images drawn from \(root.path)")
    }
}
