import Randomness
import Tensor

/// The image encoder: a patch embedding (a stride-`P` convolution, as a linear layer over
/// flattened patches), learned 2-D positions (a row embedding plus a column embedding), a stack
/// of transformer blocks with full attention, and a final norm.
struct VisionEncoder {
    let layout: PatchLayout
    let patchEmbedding: Linear
    let rowEmbedding: Tensor
    let columnEmbedding: Tensor
    let blocks: [TransformerBlock]
    let norm: LayerNorm

    init(_ store: ParameterStore, config c: VLMConfig) {
        layout = c.patchLayout
        patchEmbedding = Linear(store, "vision.patch_embedding", inputs: c.patchDimension, outputs: c.visionWidth)
        rowEmbedding = store.normal("vision.row_embedding", [c.gridSide, c.visionWidth], standardDeviation: 0.02, decays: false)
        columnEmbedding = store.normal("vision.column_embedding", [c.gridSide, c.visionWidth], standardDeviation: 0.02, decays: false)
        blocks = (0..<c.visionLayers).map {
            TransformerBlock(store, "vision.blocks.\($0)", width: c.visionWidth, heads: c.visionHeads, mlpRatio: c.mlpRatio,
                             depth: c.visionLayers, dropout: c.dropout)
        }
        norm = LayerNorm(store, "vision.norm", width: c.visionWidth)
    }

    /// `batch` normalised CHW images, back to back -> patch features `[B, N, visionWidth]` in
    /// the block order of `PatchLayout`.
    func callAsFunction(_ images: [Float], batch: Int, generator: inout SeededGenerator?) -> Tensor {
        let patches = Tensor(shape: [batch, layout.patchCount, layout.patchDimension], scalars: layout.patches(of: images, batch: batch))
        let positions = embedding(rowEmbedding, indices: layout.rows, shape: [layout.patchCount])
            + embedding(columnEmbedding, indices: layout.columns, shape: [layout.patchCount])
        var x = patchEmbedding(patches) + positions
        for block in blocks { x = block(x, mask: .full, generator: &generator) }
        return norm(x)
    }
}
