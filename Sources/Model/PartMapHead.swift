import Tensor

/// The part-map head: a linear classifier over each patch feature of the vision encoder that
/// names the part whose box centre lies in the patch (`VLMConfig.partClasses`). It gives the
/// encoder a dense grounding signal per patch, where the answer gives a few count and location
/// tokens per image. Generation runs it only for a model with count tokens (`PartCountTokens`).
struct PartMapHead {
    /// Loss weight of a background patch against 1 for a patch holding a part centre: about 20
    /// of 256 patches hold a centre, so at 0.1 both kinds weigh about the same in the mean.
    static let backgroundWeight: Float = 0.1

    let classifier: Linear

    init(_ store: ParameterStore, config c: VLMConfig, classes: Int) {
        classifier = Linear(store, "vision.part_head", inputs: c.visionWidth, outputs: classes)
    }

    /// Class logits `[B, P, K]` of patch features `[B, P, visionWidth]`.
    func callAsFunction(_ features: Tensor) -> Tensor { classifier(features) }

    /// Weighted mean cross-entropy of the patches' `logits` (this head's output) against `targets`
    /// (class 0, the background, weighted by `backgroundWeight`; `VLMBatch.ignoredPart` left out).
    static func loss(_ logits: Tensor, targets: [Int]) -> Tensor {
        let weights = targets.map { $0 == 0 ? PartMapHead.backgroundWeight : 1 }
        return crossEntropy(logits: logits, targets: targets, ignoreIndex: VLMBatch.ignoredPart, weights: weights)
    }
}
