import Tensor

/// Layer normalisation over the last axis with a learned gain and shift.
struct LayerNorm {
    let weight: Tensor
    let bias: Tensor

    init(_ store: ParameterStore, _ name: String, width: Int) {
        weight = store.constant(name + ".weight", [width], 1)
        bias = store.constant(name + ".bias", [width], 0)
    }

    func callAsFunction(_ x: Tensor) -> Tensor { layerNorm(x, weight: weight, bias: bias) }
}
