/// The shape of a vision-language model: everything needed to rebuild it before loading its
/// weights. Saved as `config.json` beside `model.safetensors` and `tokenizer.json`.
///
/// The sequence the decoder reads is `[image tokens | prompt slot | answer]`: `imageTokens`
/// positions from the projector, then `promptLength` text positions holding `<bos>`, the prompt
/// and `<pad>` up to the slot's length, then the answer. Image tokens and the prompt slot form
/// the prefix (full attention); the answer is causal.
public struct VLMConfig: Codable, Equatable, Sendable {
    /// Width of the letterboxed input image in pixels, and its height unless `imageHeight` says.
    public var imageSize: Int
    /// Height of the input when it is not square (nil: square). A portrait photo (1 x 2, as the
    /// real juice bottles) fills a 120 x 240 input, where a 192 x 192 square gives it 96 x 192
    /// pixels and grey borders.
    public var imageHeight: Int?
    /// Side of a square patch of the vision encoder, in pixels; divides both image sides.
    public var patchSize: Int
    /// Output channels of the convolutional stem: each entry is a 3 x 3 convolution of stride 2
    /// followed by GELU, applied before the patch embedding, whose kernel then covers
    /// `patchSize / 2^count` stem pixels. Early convolutions give the encoder local features
    /// (edges, colour blobs) that a from-scratch patch embedding learns slowly. Nil or empty: no
    /// stem, the patch embedding reads pixels.
    public var stemChannels: [Int]?
    /// Width of the vision encoder.
    public var visionWidth: Int
    /// Transformer layers of the vision encoder.
    public var visionLayers: Int
    /// Attention heads of the vision encoder; divides `visionWidth`.
    public var visionHeads: Int
    /// Side of the pixel-shuffle block of the projector: `shuffle x shuffle` neighbouring patches
    /// become one decoder token. Divides the patch grid side.
    public var shuffle: Int
    /// Width of the language decoder.
    public var decoderWidth: Int
    /// Transformer layers of the language decoder.
    public var decoderLayers: Int
    /// Attention heads of the language decoder; divides `decoderWidth`.
    public var decoderHeads: Int
    /// Hidden width of every MLP over its layer's width.
    public var mlpRatio: Int
    /// Number of tokens of the tokenizer saved with the model.
    public var vocabularySize: Int
    /// Text positions reserved for `<bos>` and the prompt (padded with `<pad>`).
    public var promptLength: Int
    /// Most text positions (prompt slot plus answer and its `<eos>`).
    public var maxTextLength: Int
    /// Dropout on each residual branch while training (0 turns it off).
    public var dropout: Float
    /// Per-channel mean and standard deviation used to normalise RGB values in [0, 1].
    public var imageMean: [Float]
    public var imageStd: [Float]
    /// Classes of the part-map head, `background` first (nil: no head). While training, the head
    /// reads each patch feature of the vision encoder and names the part whose box centre lies in
    /// that patch (`VLM.loss(_:partWeight:)`): a dense grounding signal that teaches the encoder
    /// where the small parts are, which the answer tokens alone teach slowly. Generation never
    /// uses it.
    public var partClasses: [String]?
    /// Count tokens (`PartCountTokens`; nil: none): the part map's class probabilities summed
    /// over the whole image and over each cell of a `partCountGrid x partCountGrid` split, as
    /// `partCountGrid^2 + 1` tokens after the projected image tokens. Needs the part map
    /// (`partClasses`), which then runs in generation too.
    public var partCountGrid: Int?

    public init(imageSize: Int, imageHeight: Int? = nil, patchSize: Int, stemChannels: [Int]? = nil, visionWidth: Int, visionLayers: Int, visionHeads: Int, shuffle: Int,
                decoderWidth: Int, decoderLayers: Int, decoderHeads: Int, mlpRatio: Int = 4, vocabularySize: Int,
                promptLength: Int, maxTextLength: Int, dropout: Float = 0,
                imageMean: [Float] = [0.5, 0.5, 0.5], imageStd: [Float] = [0.25, 0.25, 0.25], partClasses: [String]? = nil, partCountGrid: Int? = nil) {
        self.imageSize = imageSize
        self.imageHeight = imageHeight
        self.patchSize = patchSize
        self.stemChannels = stemChannels
        self.visionWidth = visionWidth
        self.visionLayers = visionLayers
        self.visionHeads = visionHeads
        self.shuffle = shuffle
        self.decoderWidth = decoderWidth
        self.decoderLayers = decoderLayers
        self.decoderHeads = decoderHeads
        self.mlpRatio = mlpRatio
        self.vocabularySize = vocabularySize
        self.promptLength = promptLength
        self.maxTextLength = maxTextLength
        self.dropout = dropout
        self.imageMean = imageMean
        self.imageStd = imageStd
        self.partClasses = partClasses
        self.partCountGrid = partCountGrid
    }

    /// The default model (docs/model.md says how the sizes were chosen): 192 x 192 input, a
    /// two-layer convolutional stem (16 and 32 channels, stride 4 in all), 12-pixel patches (a
    /// 16 x 16 grid), 4 encoder layers of width 128, 2 x 2 pixel shuffle to 64 image tokens, 4
    /// decoder layers of width 192.
    public static func standard(vocabularySize: Int) -> VLMConfig {
        VLMConfig(imageSize: 192, patchSize: 12, stemChannels: [16, 32], visionWidth: 128, visionLayers: 4, visionHeads: 4, shuffle: 2,
                  decoderWidth: 192, decoderLayers: 4, decoderHeads: 6, vocabularySize: vocabularySize,
                  promptLength: 16, maxTextLength: 448)
    }

    // MARK: Derived sizes

    /// Downsampling of the convolutional stem (2 per stem layer).
    public var stemStride: Int { 1 << (stemChannels?.count ?? 0) }
    /// Width of the model's input in pixels.
    public var inputWidth: Int { imageSize }
    /// Height of the model's input in pixels.
    public var inputHeight: Int { imageHeight ?? imageSize }
    /// Rows of the patch grid.
    public var gridRows: Int { inputHeight / patchSize }
    /// Columns of the patch grid.
    public var gridColumns: Int { inputWidth / patchSize }
    /// Patches of the image (vision encoder sequence length).
    public var patchCount: Int { gridRows * gridColumns }
    /// Decoder tokens per image after the pixel shuffle.
    public var projectedTokens: Int { patchCount / (shuffle * shuffle) }
    /// Count tokens per image (`partCountGrid`).
    public var countTokens: Int { partCountGrid.map { $0 * $0 + 1 } ?? 0 }
    /// Decoder positions of the image: the projected tokens, then the count tokens.
    public var imageTokens: Int { projectedTokens + countTokens }
    /// Positions of the prefix (image tokens and the prompt slot), which attend to each other fully.
    public var prefixLength: Int { imageTokens + promptLength }
    /// Most positions of a decoder sequence.
    public var maxSequenceLength: Int { imageTokens + maxTextLength }
    /// Floats of one normalised input image (3 x inputHeight x inputWidth).
    public var pixelCount: Int { 3 * inputHeight * inputWidth }
    /// The input's size for messages, e.g. "192 x 192".
    public var inputDescription: String { "\(inputWidth) x \(inputHeight)" }
    /// The floats an input image must have, for messages: "3 x H x W = N".
    var pixelCountDescription: String { "3 x \(inputHeight) x \(inputWidth) = \(pixelCount)" }

    /// Checks that the sizes fit together; throws `ModelError.invalidConfiguration` naming the
    /// first one that does not.
    public func validate() throws {
        func fail(_ reason: String) throws -> Never { throw ModelError.invalidConfiguration(reason) }
        let positive: [(String, Int)] = [("imageSize", imageSize), ("patchSize", patchSize), ("visionWidth", visionWidth),
                                         ("visionLayers", visionLayers), ("visionHeads", visionHeads), ("shuffle", shuffle),
                                         ("decoderWidth", decoderWidth), ("decoderLayers", decoderLayers),
                                         ("decoderHeads", decoderHeads), ("mlpRatio", mlpRatio),
                                         ("vocabularySize", vocabularySize), ("promptLength", promptLength)]
        for (name, value) in positive where value <= 0 { try fail("\(name) must be positive, got \(value)") }
        if let height = imageHeight, height <= 0 { try fail("imageHeight must be positive, got \(height)") }
        if imageSize % patchSize != 0 { try fail("patchSize \(patchSize) does not divide imageSize \(imageSize)") }
        if inputHeight % patchSize != 0 { try fail("patchSize \(patchSize) does not divide imageHeight \(inputHeight)") }
        if let stem = stemChannels, !stem.isEmpty {
            if let bad = stem.first(where: { $0 <= 0 }) { try fail("stemChannels must be positive, got \(bad)") }
            if patchSize % stemStride != 0 { try fail("the \(stem.count)-layer stem (stride \(stemStride)) does not divide patchSize \(patchSize)") }
        }
        if gridRows % shuffle != 0 || gridColumns % shuffle != 0 {
            try fail("shuffle \(shuffle) does not divide the \(gridColumns) x \(gridRows) patch grid")
        }
        if visionWidth % visionHeads != 0 { try fail("visionHeads \(visionHeads) do not divide visionWidth \(visionWidth)") }
        if decoderWidth % decoderHeads != 0 { try fail("decoderHeads \(decoderHeads) do not divide decoderWidth \(decoderWidth)") }
        if maxTextLength <= promptLength { try fail("maxTextLength \(maxTextLength) leaves no room for an answer after the \(promptLength)-token prompt slot") }
        if !(0..<1).contains(dropout) { try fail("dropout must be in [0, 1), got \(dropout)") }
        if imageMean.count != 3 || imageStd.count != 3 { try fail("imageMean and imageStd need 3 values each, got \(imageMean.count) and \(imageStd.count)") }
        if !imageStd.allSatisfy({ $0 > 0 }) { try fail("imageStd must be positive, got \(imageStd)") }
        if let classes = partClasses, classes.count < 2 || Set(classes).count != classes.count {
            try fail("partClasses need at least two distinct names (background and a part), got \(classes)")
        }
        if let grid = partCountGrid {
            if partClasses == nil { try fail("partCountGrid needs the part map (partClasses)") }
            if grid <= 0 || gridRows % grid != 0 || gridColumns % grid != 0 {
                try fail("partCountGrid \(grid) does not divide the \(gridColumns) x \(gridRows) patch grid")
            }
        }
    }
}
