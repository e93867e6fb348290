/// Named trainable tensors, each marked for weight decay or not: what a model hands to the
/// optimiser (`AdamW(parameters:weightDecay:)`) and to checkpoints (`tensors`).
public struct ParameterSet {
    /// Names in registration order.
    public private(set) var names: [String] = []
    private var entries: [String: (tensor: Tensor, decay: Bool)] = [:]

    public init() {}

    /// Registers `tensor` under `name`, which must be new, and makes it require gradients.
    /// `decay: false` for norms, biases and embeddings. Returns the tensor.
    @discardableResult
    public mutating func register(_ name: String, _ tensor: Tensor, decay: Bool) -> Tensor {
        require(entries[name] == nil, "ParameterSet.register: '\(name)' is already registered (shape \(describe(entries[name]?.tensor.shape ?? [])))")
        tensor.requiresGrad = true
        tensor.name = name
        entries[name] = (tensor, decay)
        names.append(name)
        return tensor
    }

    /// Adds every parameter of `other`, with `prefix` before each name (e.g. `"decoder."`).
    public mutating func merge(_ other: ParameterSet, prefix: String = "") {
        for name in other.names { register(prefix + name, other.entries[name]!.tensor, decay: other.entries[name]!.decay) }
    }

    public subscript(name: String) -> Tensor? { entries[name]?.tensor }

    /// Whether `name` is decayed (nil when it is not registered).
    public func decays(_ name: String) -> Bool? { entries[name]?.decay }

    /// Every parameter by name, e.g. for `SafeTensors.save` and `SafeTensors.load(from:into:)`.
    public var tensors: [String: Tensor] { entries.mapValues(\.tensor) }

    /// Parameters with weight decay, in registration order.
    public var decayed: [Tensor] { names.compactMap { entries[$0]!.decay ? entries[$0]!.tensor : nil } }

    /// Parameters without weight decay, in registration order.
    public var notDecayed: [Tensor] { names.compactMap { entries[$0]!.decay ? nil : entries[$0]!.tensor } }

    /// Every parameter, in registration order.
    public var all: [Tensor] { names.map { entries[$0]!.tensor } }

    /// Total number of scalars.
    public var scalarCount: Int { entries.values.reduce(0) { $0 + $1.tensor.count } }
}

extension AdamW {
    /// Two groups from a parameter set: its decayed parameters with `weightDecay`, the rest with none.
    public convenience init(parameters: ParameterSet, weightDecay: Float, learningRate: Float = 1e-3,
                            beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.init(decayed: parameters.decayed, notDecayed: parameters.notDecayed, weightDecay: weightDecay,
                  learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }
}
