/// One training example: an image, a prompt and the answer the model should write.
public struct VLMSample: Sendable {
    /// The normalised image, `3 x S x S` floats in CHW order (see `VLMConfig.preprocess`).
    public var image: [Float]
    /// Token ids of the prompt, without `<bos>`.
    public var prompt: [Int]
    /// Token ids of the answer, without `<eos>`.
    public var answer: [Int]
    /// Loss weight of each answer token (nil: all 1). A weight of 0 leaves a token out of the
    /// loss; larger weights stress it.
    public var answerWeights: [Float]?
    /// The part-map class of each patch, row-major over the patch grid (`VLMConfig.partClasses`
    /// indices; `VLMBatch.ignoredPart` where unknown). Nil: the sample trains no part map.
    public var partTargets: [Int]?

    public init(image: [Float], prompt: [Int], answer: [Int], answerWeights: [Float]? = nil, partTargets: [Int]? = nil) {
        self.image = image
        self.prompt = prompt
        self.answer = answer
        self.answerWeights = answerWeights
        self.partTargets = partTargets
    }
}
