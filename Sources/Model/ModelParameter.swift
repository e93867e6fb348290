import Tensor

/// A trainable tensor of the model with its name in `model.safetensors` and whether AdamW should
/// decay it (matrices of linear layers do; norms, biases and embeddings do not).
public struct ModelParameter {
    public let name: String
    public let tensor: Tensor
    public let decays: Bool
}
