import Randomness
import Tensor

/// The vision-language model: a vision encoder over image patches, a pixel-shuffle projector to
/// the decoder width, and a decoder-only language model under a prefix-LM mask (image tokens and
/// prompt attend to each other fully; the answer is causal).
public final class VLM {
    public let config: VLMConfig
    public let tokenizer: Tokenizer
    /// Every trainable tensor by its name in `model.safetensors` (e.g.
    /// `decoder.blocks.0.attention.query.weight`), in a fixed order, each marked for weight decay
    /// (linear and conv weights) or not (norms, biases, embeddings).
    public let parameters: ParameterSet
    /// Draws the dropout masks while training (unused when `config.dropout` is 0).
    public var dropoutGenerator: SeededGenerator
    /// Whether greedy generation treats the location tokens as one choice (`greedyChoice`); on
    /// by default, off for a plain argmax.
    public var groupsLocationTokens = true

    let vision: VisionEncoder
    let projector: Projector
    let decoder: LanguageDecoder
    let partMap: PartMapHead?
    let partCounts: PartCountTokens?

    /// A freshly initialised model; the same seed gives the same weights.
    public init(config: VLMConfig, tokenizer: Tokenizer, seed: UInt64 = 0) throws {
        try config.validate()
        guard tokenizer.count == config.vocabularySize else {
            throw ModelError.vocabularyMismatch(configuration: config.vocabularySize, tokenizer: tokenizer.count)
        }
        self.config = config
        self.tokenizer = tokenizer
        let store = ParameterStore(seed: seed)
        vision = VisionEncoder(store, config: config)
        projector = Projector(store, config: config)
        decoder = LanguageDecoder(store, config: config)
        partMap = config.partClasses.map { PartMapHead(store, config: config, classes: $0.count) }
        partCounts = config.partCountGrid.map { PartCountTokens(store, config: config, grid: $0, classes: config.partClasses!.count) }
        parameters = store.parameters
        dropoutGenerator = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID("dropout")])
    }

    /// Total number of trainable values.
    public var parameterCount: Int { parameters.scalarCount }

    /// The parameters AdamW should decay (weight matrices) and those it should not (norms,
    /// biases, embeddings).
    public var parameterGroups: (decayed: [Tensor], notDecayed: [Tensor]) { (parameters.decayed, parameters.notDecayed) }

    /// The loss of `batch` with its history for `backward()`, and the per-token and per-sample
    /// losses. With `training`, dropout is on (when the configuration has any). With `partWeight`
    /// above 0 and a batch that has part-map targets, the loss adds `partWeight` times the loss of
    /// the part-map head (a model without the head has none to add).
    public func loss(_ batch: VLMBatch, training: Bool = true, partWeight: Float = 0) -> LossReport {
        var generator: SeededGenerator? = training && config.dropout > 0 ? dropoutGenerator : nil
        defer { if let generator { dropoutGenerator = generator } }
        checkShape(batch)
        let features = vision(batch.images, batch: batch.size, generator: &generator)
        // The part map runs once, for the count tokens and for its own loss.
        let targets = partWeight > 0 ? batch.partTargets : nil
        let partLogits = partMap.flatMap { head in partCounts != nil || targets != nil ? head(features) : nil }
        let logits = textLogits(features: features, partLogits: partLogits, batch, generator: &generator)
        guard let targets, let partLogits else { return LossReport(logits: logits, batch: batch) }
        return LossReport(logits: logits, batch: batch, part: (PartMapHead.loss(partLogits, targets: targets), partWeight))
    }

    /// Part-map logits `[B, patchCount, partClasses]` of the batch's images, without gradients;
    /// nil for a model without the head.
    public func partLogits(_ batch: VLMBatch) -> Tensor? {
        guard let partMap else { return nil }
        checkShape(batch)
        return withoutGradients {
            var generator: SeededGenerator? = nil
            return partMap(vision(batch.images, batch: batch.size, generator: &generator))
        }
    }

    /// The counts the decoder reads from the part map, `[B, regions, partClasses - 1]` (the whole
    /// image, then each cell of the count grid; the part classes after the background), without
    /// gradients; nil for a model without count tokens.
    public func partCounts(_ batch: VLMBatch) -> Tensor? {
        guard let partCounts, let logits = partLogits(batch) else { return nil }
        return withoutGradients { partCounts.counts(logits) }
    }

    /// Next-token logits `[B, T, V]` of the batch's text positions, computed without recording
    /// gradients and without dropout: row `t` of a sample predicts its text token `t + 1`.
    public func logits(_ batch: VLMBatch) -> Tensor {
        withoutGradients {
            var generator: SeededGenerator? = nil
            checkShape(batch)
            return textLogits(features: vision(batch.images, batch: batch.size, generator: &generator), partLogits: nil, batch, generator: &generator)
        }
    }

    /// Image tokens `[B, I, decoderWidth]` of `batch` normalised CHW images.
    func encodeImages(_ images: [Float], batch: Int, generator: inout SeededGenerator?) -> Tensor {
        imageTokens(features: vision(images, batch: batch, generator: &generator), partLogits: nil)
    }

    /// The decoder's image tokens from the vision encoder's patch `features`: the projected
    /// patches, then the count tokens when the model has them, from `partLogits` (the part
    /// map's output on `features`) when the caller has them already.
    private func imageTokens(features: Tensor, partLogits: Tensor?) -> Tensor {
        let projected = projector(features)
        guard let partCounts, let partMap else { return projected }
        return concat([projected, partCounts(partLogits ?? partMap(features))], axis: 1)
    }

    /// Stops on a batch laid out for another configuration (a programming error, not bad input:
    /// `VLMBatch` validates its samples).
    private func checkShape(_ batch: VLMBatch) {
        precondition(batch.images.count == batch.size * config.pixelCount && batch.answerStart == config.promptLength
                     && batch.textLength <= config.maxTextLength && batch.tokens.allSatisfy { (0..<config.vocabularySize).contains($0) },
                     "VLM: batch of \(batch.size) x \(batch.textLength) tokens and \(batch.images.count) image floats was not built for this configuration (\(config.inputDescription) px, prompt slot \(config.promptLength), \(config.maxTextLength) text positions, \(config.vocabularySize) tokens)")
    }

    /// Logits `[B, T, V]` of the text positions (the image positions predict nothing), from the
    /// vision encoder's patch `features` (and the part map's `partLogits` on them, if computed).
    private func textLogits(features: Tensor, partLogits: Tensor?, _ batch: VLMBatch, generator: inout SeededGenerator?) -> Tensor {
        let image = imageTokens(features: features, partLogits: partLogits)
        let x = decoder.embedSequence(image: image, text: batch.tokens, textLength: batch.textLength)
        let hidden = decoder(x, mask: .prefix(config.prefixLength), generator: &generator)
        let imageTokens = config.imageTokens
        return decoder.logits(hidden.sliced(axis: 1, range: imageTokens..<(imageTokens + batch.textLength)))
    }
}
