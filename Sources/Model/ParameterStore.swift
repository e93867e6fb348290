import Randomness
import Tensor

/// Creates the parameters of a model, each from its own seeded stream named after it, so a
/// parameter's initial values depend only on the seed and its name, not on creation order.
final class ParameterStore {
    let seed: UInt64
    private(set) var parameters: [ModelParameter] = []

    init(seed: UInt64) { self.seed = seed }

    /// Normal values with standard deviation `standardDeviation`.
    func normal(_ name: String, _ shape: [Int], standardDeviation: Float, decays: Bool) -> Tensor {
        var generator = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID(name)])
        let tensor = Tensor.randn(shape, standardDeviation: standardDeviation, generator: &generator, requiresGrad: true)
        return register(name, tensor, decays: decays)
    }

    /// Every value equal to `value` (norm gains, biases); never decayed.
    func constant(_ name: String, _ shape: [Int], _ value: Float) -> Tensor {
        register(name, Tensor(repeating: value, shape: shape, requiresGrad: true), decays: false)
    }

    private func register(_ name: String, _ tensor: Tensor, decays: Bool) -> Tensor {
        precondition(!parameters.contains { $0.name == name }, "ParameterStore: parameter '\(name)' is created twice")
        tensor.name = name
        parameters.append(ModelParameter(name: name, tensor: tensor, decays: decays))
        return tensor
    }
}
