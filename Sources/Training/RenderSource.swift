import Annotations
import Foundation
import Imaging
import Instruct
import Randomness
import Rules
import Scenes

/// Endless training samples rendered on the fly: every defect case the renderer draws (and the
/// good case) of the chosen categories, each equally frequent, so that rarity is neutral and
/// the resampler weighs by difficulty alone. Disk plays no part. A share of the scenes of the
/// products with varied scenes may be varied instead (`variedScenes`).
public struct RenderSource: TrainingSource {
    public let categories: [SceneCategory]
    public let longSide: Int
    public let caseUnits: [String]
    public let caseFrequencies: [Double]
    public let subqueryUnits: [String]
    public let subqueryFrequencies: [Double]
    /// Renders are made on the fly: no image file.
    public var imageFiles: [URL] { [] }
    /// The (category, defect types) of each case unit.
    private let cases: [(category: SceneCategory, defects: [String])]
    /// The (category, subquery id) of each subquery unit.
    private let subqueries: [(category: SceneCategory, id: String)]
    private let synthesizers: [String: InstructionSynthesizer]
    private let augmentation: TrainingAugmentation
    /// Chance that a scene of a product with varied scenes (`SceneCategory.isVaried`) is
    /// rendered varied instead of with the drawn defect case.
    public let variedScenes: Double

    /// `ruleBook`, when given, replaces the shipped rule-book of its category; `augmentation` is
    /// the chance that a scene is augmented after rendering; `variedScenes` the chance that a
    /// scene of a product with varied scenes is varied (`TrainingConfiguration`).
    public init(categories: [String], longSide: Int, paraphrase: Bool, augmentation: Double = 0, variedScenes: Double = 0,
                ruleBook: RuleBook? = nil) throws {
        self.categories = try categories.map { try SceneCategory(named: $0) }
        self.longSide = longSide
        self.variedScenes = variedScenes
        synthesizers = try Training.synthesizers(for: categories, paraphrase: paraphrase, ruleBook: ruleBook)
        self.augmentation = TrainingAugmentation(probability: augmentation, synthesizers: synthesizers)
        var cases: [(SceneCategory, [String])] = []
        var subqueries: [(SceneCategory, String)] = []
        for category in self.categories {
            cases.append((category, []))
            cases += category.defectCases.map { (category, $0.types) }
            subqueries += synthesizers[category.rawValue]!.plan.subqueries.map { (category, $0.id) }
        }
        self.cases = cases
        self.subqueries = subqueries
        caseUnits = cases.map { TrainingUnit.caseUnit(category: $0.0.rawValue, defects: $0.1) }
        caseFrequencies = Array(repeating: 1, count: cases.count)
        subqueryUnits = subqueries.map { TrainingUnit.subqueryUnit(category: $0.0.rawValue, subquery: $0.1) }
        subqueryFrequencies = Array(repeating: 1, count: subqueries.count)
    }

    public func inspection(caseUnit: Int, seed: UInt64) throws -> DrawnSample {
        var generator = SeededGenerator(seed: seed)
        let (category, defects) = cases[caseUnit]
        let scene = try render(category, defects: defects, using: &generator)
        let (image, annotation, applied) = try augmentation.apply(scene.image, scene.annotation, category: category.rawValue, using: &generator)
        let sample = try synthesizers[category.rawValue]!.inspection(image: image, annotation: annotation, augmentations: applied, using: &generator)
        return DrawnSample(sample: sample, image: image, annotation: annotation)
    }

    /// A scene of the defect case; or, when `mayVary`, with chance `variedScenes` for a product
    /// that has them, a varied scene in its place, labelled by the oracle. No draw is spent on
    /// the chance when it is 0, so runs without varied scenes render as before.
    private func render(_ category: SceneCategory, defects: [String], mayVary: Bool = true,
                        using generator: inout SeededGenerator) throws -> (image: RGBImage, annotation: ImageAnnotation) {
        if mayVary, variedScenes > 0, category.isVaried, generator.uniform(0, 1) < variedScenes {
            let scene = try SceneRenderer.renderVaried(category: category, generator: &generator, longSide: longSide)
            return (scene.image, try augmentation.relabel(scene.annotation, category: category.rawValue))
        }
        let scene = try SceneRenderer.render(category: category, defects: defects, generator: &generator, longSide: longSide)
        return (scene.image, scene.annotation)
    }

    /// Renders scenes of the subquery's category, each of a defect case drawn uniformly (or
    /// varied), until the subquery applies (a few tries; then a good scene, where every
    /// subquery applies).
    public func subquerySample(subqueryUnit: Int, seed: UInt64) throws -> DrawnSample {
        var generator = SeededGenerator(seed: seed)
        let (category, id) = subqueries[subqueryUnit]
        let synthesizer = synthesizers[category.rawValue]!
        let choices = [DefectCase.normal] + category.defectCases
        for attempt in 0..<4 {
            let wanted = attempt < 3 ? generator.pick(choices) : .normal
            let scene = try render(category, defects: wanted.types, mayVary: attempt < 3, using: &generator)
            let (image, annotation, applied) = try augmentation.apply(scene.image, scene.annotation, category: category.rawValue, using: &generator)
            let samples = try synthesizer.subquerySamples(.pixels(image), width: image.width, height: image.height,
                                                          annotation: annotation, augmentations: applied, using: &generator)
            if let sample = samples.first(where: { $0.subquery == id }) { return DrawnSample(sample: sample, image: image, annotation: annotation) }
        }
        throw TrainingError.invalidData("subquery '\(id)' of \(category) applies to no rendered scene, not even a good one")
    }
}
