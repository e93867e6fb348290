import Tensor

/// A dense layer `y = x W^T + b`, weight `[Out, In]` (PyTorch's layout).
struct Linear {
    let weight: Tensor
    let bias: Tensor?

    /// GPT-2 initialisation: normal weights with the given deviation, zero bias.
    init(_ store: ParameterStore, _ name: String, inputs: Int, outputs: Int, bias: Bool = true, standardDeviation: Float = 0.02) {
        weight = store.normal(name + ".weight", [outputs, inputs], standardDeviation: standardDeviation, decays: true)
        self.bias = bias ? store.constant(name + ".bias", [outputs], 0) : nil
    }

    func callAsFunction(_ x: Tensor) -> Tensor { linear(x, weight: weight, bias: bias) }
}
