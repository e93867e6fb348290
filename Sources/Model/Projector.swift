import Tensor

/// The modality projector: a `shuffle x shuffle` pixel shuffle (each block of neighbouring
/// patches becomes one token carrying their concatenated features), then a linear map to the
/// decoder width. With the encoder's block token order the shuffle is a reshape.
struct Projector {
    let shuffle: Int
    let projection: Linear

    init(_ store: ParameterStore, config c: VLMConfig) {
        shuffle = c.shuffle
        projection = Linear(store, "projector", inputs: c.shuffle * c.shuffle * c.visionWidth, outputs: c.decoderWidth, bias: false)
    }

    /// `[B, N, Cv]` -> `[B, N / shuffle^2, decoderWidth]`.
    func callAsFunction(_ features: Tensor) -> Tensor {
        let b = features.shape[0], n = features.shape[1], c = features.shape[2], group = shuffle * shuffle
        return projection(features.reshaped([b, n / group, group * c]))
    }
}
