import Tensor

/// Count tokens: how many parts of each class the part map finds in the whole image and in each
/// cell of a `grid x grid` split of it, handed to the decoder as extra image tokens
/// (`VLMConfig.partCountGrid`). The part map names, per patch, the part whose centre lies there,
/// so its class probabilities summed over a region count that region's parts. Counting by
/// attention over every image token is what a small decoder learns worst; these tokens give it
/// the sums, and the answer's loss reaches the part map and the encoder through them.
struct PartCountTokens {
    /// `[regions, patches]`, 1 where a patch belongs to a region: the whole image, then the cells
    /// in row-major order. Fixed, not trained.
    let regions: Tensor
    /// The counts of the part classes (background left out) to the decoder width.
    let projection: Linear
    /// Which region a token counts, `[regions, decoderWidth]`.
    let regionEmbedding: Tensor

    init(_ store: ParameterStore, config c: VLMConfig, grid: Int, classes: Int) {
        let cellRows = c.gridRows / grid, cellColumns = c.gridColumns / grid
        var membership = [Float](repeating: 1, count: c.patchCount)
        for cell in 0..<(grid * grid) {
            membership += (0..<c.patchCount).map { patch in
                patch / c.gridColumns / cellRows == cell / grid && patch % c.gridColumns / cellColumns == cell % grid ? 1 : 0
            }
        }
        regions = Tensor(shape: [grid * grid + 1, c.patchCount], scalars: membership)
        projection = Linear(store, "projector.part_counts", inputs: classes - 1, outputs: c.decoderWidth)
        regionEmbedding = store.normal("projector.part_count_regions", [grid * grid + 1, c.decoderWidth], standardDeviation: 0.02, decays: false)
    }

    /// Part-map logits `[B, patches, classes]` -> the counts `[B, regions, classes - 1]`: per
    /// region, the probabilities of each part class (not the background) summed over its patches.
    func counts(_ partLogits: Tensor) -> Tensor {
        let classes = partLogits.shape[2]
        let parts = partLogits.softmax().sliced(axis: 2, range: 1..<classes).permuted([0, 2, 1])   // [B, K - 1, P]
        return linear(parts, weight: regions).permuted([0, 2, 1])
    }

    /// Part-map logits `[B, patches, classes]` -> count tokens `[B, regions, decoderWidth]`.
    func callAsFunction(_ partLogits: Tensor) -> Tensor { projection(counts(partLogits)) + regionEmbedding }
}
