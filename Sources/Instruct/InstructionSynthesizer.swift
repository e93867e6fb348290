import Annotations
import Imaging
import Randomness
import Rules

/// Makes instruction samples from an image and its annotation: the oracle answers the plan from
/// the annotation, and the writer phrases the answers. Labels always come from the annotation
/// given, so an augmented or edited image is relabelled, never copied.
public struct InstructionSynthesizer: Sendable {
    public let plan: Plan
    public let oracle: Oracle
    public let writer: CoTWriter
    /// Random templates, subject forms, prompts and step order; canonical wording otherwise.
    public let paraphrase: Bool

    public init(plan: Plan, style: CoTStyle = .native, paraphrase: Bool = true, maxEvidenceBoxes: Int = 6,
                locations: LocationTokens = LocationTokens()) {
        self.plan = plan
        self.oracle = Oracle(plan: plan)
        self.writer = CoTWriter(plan: plan, style: style, locations: locations, maxEvidenceBoxes: maxEvidenceBoxes)
        self.paraphrase = paraphrase
    }

    /// The full inspection sample of an in-memory image.
    public func inspection(image: RGBImage, annotation: ImageAnnotation, augmentations: [String] = [],
                           using rng: inout SeededGenerator) throws -> InstructionSample {
        try inspection(.pixels(image), width: image.width, height: image.height, annotation: annotation,
                       augmentations: augmentations, using: &rng)
    }

    /// The full inspection sample of an image referenced by `image`, of the annotation's size.
    public func inspection(_ image: SampleImage, width: Int, height: Int, annotation: ImageAnnotation,
                           augmentations: [String] = [], using rng: inout SeededGenerator) throws -> InstructionSample {
        let result = try label(annotation, width: width, height: height)
        let ids = result.trail.map(\.subquery)
        let phrasing = paraphrase ? CoTPhrasing.random(for: ids, plan: plan, using: &rng) : .canonical
        let cot = try writer.inspection(trail: result.trail, verdict: result.types, width: width, height: height,
                                        phrasing: phrasing)
        return InstructionSample(image: image, width: width, height: height, category: plan.category, subquery: nil,
                                 style: writer.style, prompt: cot.prompt, response: cot.response, steps: cot.steps,
                                 defects: result.types, augmentations: augmentations, source: annotation.image)
    }

    /// One single-subquery sample per applicable subquery, in plan order.
    public func subquerySamples(_ image: SampleImage, width: Int, height: Int, annotation: ImageAnnotation,
                                augmentations: [String] = [], using rng: inout SeededGenerator) throws -> [InstructionSample] {
        let result = try label(annotation, width: width, height: height)
        return try result.trail.map { answer in
            var phrasing = StepPhrasing.canonical
            var prompt = 0
            if paraphrase {
                let n = StepTemplate.templates(for: plan.subquery(answer.subquery)!).count
                phrasing = StepPhrasing(template: Int(rng.next() % UInt64(n)), subject: rng.next() % 2 == 0 ? .id : .spelled)
                prompt = Int(rng.next() % UInt64(writer.singlePromptCount(for: answer.subquery)))
            }
            let cot = try writer.single(answer, width: width, height: height, phrasing: phrasing, prompt: prompt)
            return InstructionSample(image: image, width: width, height: height, category: plan.category,
                                     subquery: answer.subquery, style: writer.style, prompt: cot.prompt,
                                     response: cot.response, steps: cot.steps, defects: result.types,
                                     augmentations: augmentations, source: annotation.image)
        }
    }

    /// The oracle's answers and types for an annotation of an image of `width` x `height`.
    public func label(_ annotation: ImageAnnotation, width: Int, height: Int) throws -> OracleResult {
        guard annotation.category == plan.category else {
            throw InstructError.categoryMismatch(annotation: annotation.category, plan: plan.category)
        }
        guard annotation.width == width, annotation.height == height else {
            throw InstructError.sizeMismatch(image: annotation.image, imageWidth: width, imageHeight: height,
                                             annotationWidth: annotation.width, annotationHeight: annotation.height)
        }
        return try oracle.run(annotation)
    }
}
