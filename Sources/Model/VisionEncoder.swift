import Randomness
import Tensor

/// The image encoder: an optional convolutional stem (3 x 3, stride 2, GELU per layer), a patch
/// embedding (a convolution with stride = kernel = the patch size in stem pixels), learned 2-D
/// positions (a row embedding plus a column embedding), transformer blocks with full
/// attention, and a final norm.
struct VisionEncoder {
    let inputWidth: Int
    let inputHeight: Int
    let gridRows: Int
    let gridColumns: Int
    let patchSize: Int
    /// Weight `[Cout, Cin, 3, 3]` and bias of each stem layer.
    let stem: [(weight: Tensor, bias: Tensor)]
    let patchWeight: Tensor
    let patchBias: Tensor
    let rowEmbedding: Tensor
    let columnEmbedding: Tensor
    let blocks: [TransformerBlock]
    let norm: LayerNorm

    init(_ store: ParameterStore, config c: VLMConfig) {
        inputWidth = c.inputWidth
        inputHeight = c.inputHeight
        gridRows = c.gridRows
        gridColumns = c.gridColumns
        patchSize = c.patchSize / c.stemStride
        var channels = 3
        stem = (c.stemChannels ?? []).enumerated().map { index, outputs in
            defer { channels = outputs }
            // He initialisation: the GELU after each layer halves the variance, as ReLU does.
            let weight = store.normal("vision.stem.\(index).weight", [outputs, channels, 3, 3],
                                      standardDeviation: (2 / Float(channels * 9)).squareRoot(), decays: true)
            return (weight, store.constant("vision.stem.\(index).bias", [outputs], 0))
        }
        patchWeight = store.normal("vision.patch_embedding.weight", [c.visionWidth, channels, patchSize, patchSize], standardDeviation: 0.02, decays: true)
        patchBias = store.constant("vision.patch_embedding.bias", [c.visionWidth], 0)
        rowEmbedding = store.normal("vision.row_embedding", [c.gridRows, c.visionWidth], standardDeviation: 0.02, decays: false)
        columnEmbedding = store.normal("vision.column_embedding", [c.gridColumns, c.visionWidth], standardDeviation: 0.02, decays: false)
        blocks = (0..<c.visionLayers).map {
            TransformerBlock(store, "vision.blocks.\($0)", width: c.visionWidth, heads: c.visionHeads, mlpRatio: c.mlpRatio,
                             depth: c.visionLayers, dropout: c.dropout)
        }
        norm = LayerNorm(store, "vision.norm", width: c.visionWidth)
    }

    /// `batch` normalised CHW images, back to back -> patch features `[B, R * C, visionWidth]`
    /// for an `R x C` patch grid, patches in row-major grid order.
    func callAsFunction(_ images: [Float], batch b: Int, generator: inout SeededGenerator?) -> Tensor {
        let rows = gridRows, columns = gridColumns, count = rows * columns, width = patchWeight.shape[0]
        var pixels = Tensor(shape: [b, 3, inputHeight, inputWidth], scalars: images)
        for layer in stem { pixels = conv2d(pixels, weight: layer.weight, bias: layer.bias, stride: 2, padding: 1).gelu() }
        let patches = conv2d(pixels, weight: patchWeight, bias: patchBias, stride: patchSize)   // [B, Cv, R, C]
            .permuted([0, 2, 3, 1]).reshaped([b, count, width])
        let positions = embedding(rowEmbedding, indices: (0..<rows).flatMap { Array(repeating: $0, count: columns) }, shape: [count])
            + embedding(columnEmbedding, indices: Array(repeating: Array(0..<columns), count: rows).flatMap { $0 }, shape: [count])
        var x = patches + positions
        for block in blocks { x = block(x, mask: .full, generator: &generator) }
        return norm(x)
    }
}
