import Tensor

/// A trainable tensor of the model with its name in `model.safetensors` and whether AdamW should
/// decay it (matrices of linear layers do; norms, biases and embeddings do not).
public struct ModelParameter {
    /// The key in `model.safetensors`, e.g. `decoder.blocks.0.attention.query.weight`.
    public let name: String
    /// The values, shared with the model: an optimiser updates them in place.
    public let tensor: Tensor
    /// Whether AdamW applies weight decay to it.
    public let decays: Bool
}
