import Tensor

/// The modality projector: a `shuffle x shuffle` pixel shuffle (each block of neighbouring
/// patches becomes one token carrying their concatenated features, as in nanoVLM), then a linear
/// map to the decoder width.
struct Projector {
    let shuffle: Int
    let gridRows: Int
    let gridColumns: Int
    let projection: Linear

    init(_ store: ParameterStore, config c: VLMConfig) {
        shuffle = c.shuffle
        gridRows = c.gridRows
        gridColumns = c.gridColumns
        projection = Linear(store, "projector", inputs: c.shuffle * c.shuffle * c.visionWidth, outputs: c.decoderWidth, bias: false)
    }

    /// `[B, R * C, Cv]` (row-major grid) -> `[B, (R / r) * (C / r), decoderWidth]`, blocks in
    /// row-major order, each block's channels ordered by (row in block, column in block, channel).
    func callAsFunction(_ features: Tensor) -> Tensor {
        let b = features.shape[0], c = features.shape[2], r = shuffle, rows = gridRows / r, columns = gridColumns / r
        let shuffled = features.reshaped([b, rows, r, columns, r, c]).permuted([0, 1, 3, 2, 4, 5]).reshaped([b, rows * columns, r * r * c])
        return projection(shuffled)
    }
}
