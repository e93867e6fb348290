import Randomness
import Tensor

/// Creates the parameters of a model into a `ParameterSet`, each drawn from its own seeded stream
/// named after it, so a parameter's initial values depend only on the seed and its name, not on
/// creation order.
final class ParameterStore {
    let seed: UInt64
    private(set) var parameters = ParameterSet()

    init(seed: UInt64) { self.seed = seed }

    /// Normal values with standard deviation `standardDeviation`.
    func normal(_ name: String, _ shape: [Int], standardDeviation: Float, decays: Bool) -> Tensor {
        var generator = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID(name)])
        return parameters.register(name, Tensor.randn(shape, standardDeviation: standardDeviation, generator: &generator), decay: decays)
    }

    /// Every value equal to `value` (norm gains, biases); never decayed.
    func constant(_ name: String, _ shape: [Int], _ value: Float) -> Tensor {
        parameters.register(name, Tensor(repeating: value, shape: shape), decay: false)
    }
}
