import Tensor

/// The MLP of a transformer block: widen, GELU, project back.
struct FeedForward {
    let up: Linear
    let down: Linear

    init(_ store: ParameterStore, _ name: String, width: Int, hidden: Int, residualDeviation: Float) {
        up = Linear(store, name + ".up", inputs: width, outputs: hidden)
        down = Linear(store, name + ".down", inputs: hidden, outputs: width, standardDeviation: residualDeviation)
    }

    func callAsFunction(_ x: Tensor) -> Tensor { down(up(x).gelu()) }
}
