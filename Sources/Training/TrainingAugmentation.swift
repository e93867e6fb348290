import Annotations
import Imaging
import Instruct
import Randomness

/// Image augmentation applied while training: with probability `probability` a drawn image gets
/// the instruct step's mild photometric and geometric changes (`Augmenter`: boxes and polygons
/// move with the pixels, the oracle relabels), so a finite folder of photos shows new pixels on
/// every pass and renders gain the lighting and framing variation of a real line.
struct TrainingAugmentation: Sendable {
    let probability: Double
    private let augmenters: [String: Augmenter]

    /// One augmenter per category, over the plan of that category's synthesizer (so a replaced
    /// rule-book relabels too).
    init(probability: Double, synthesizers: [String: InstructionSynthesizer]) {
        self.probability = probability
        augmenters = synthesizers.mapValues { Augmenter(plan: $0.plan) }
    }

    /// The image and annotation to write a sample from, and the augmentations applied (empty
    /// when the draw left the image as it was).
    func apply(_ image: RGBImage, _ annotation: ImageAnnotation, category: String,
               using rng: inout SeededGenerator) throws -> (image: RGBImage, annotation: ImageAnnotation, applied: [String]) {
        guard probability > 0, rng.uniform(0, 1) < probability, let augmenter = augmenters[category] else {
            return (image, annotation, [])
        }
        let augmented = try augmenter.augment(image, annotation, using: &rng)
        return (augmented.image, augmented.annotation, augmented.applied)
    }

    /// `annotation` with its defect types derived by the oracle of `category` from its parts.
    func relabel(_ annotation: ImageAnnotation, category: String) throws -> ImageAnnotation {
        guard let augmenter = augmenters[category] else { return annotation }
        return try augmenter.relabel(annotation)
    }
}
