import Foundation

/// AdamW (Loshchilov & Hutter) with decoupled weight decay and parameter groups, so that norms,
/// biases and embeddings can be trained without decay. One fused pass per parameter updates the
/// moments and the weights; the moments are allocated once, at construction.

/// Parameters that share a weight decay.
public struct ParameterGroup {
    public var parameters: [Tensor]
    /// Decoupled decay: each step multiplies the weights by `1 - learningRate * weightDecay`.
    public var weightDecay: Float

    public init(parameters: [Tensor], weightDecay: Float) {
        self.parameters = parameters
        self.weightDecay = weightDecay
    }
}

public final class AdamW {
    public private(set) var groups: [ParameterGroup]
    /// Step size; set it before each `step()` to follow a schedule.
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// Updates taken so far (drives the bias correction).
    public internal(set) var stepCount = 0

    var moments: [[Storage]]  // per group, per parameter: first moment then second (2 * count)

    public init(groups: [ParameterGroup], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.groups = groups
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        moments = groups.map { $0.parameters.map { Storage(zeros: 2 * $0.count) } }
        for group in groups {
            for p in group.parameters {
                require(p.requiresGrad, "AdamW: parameter \(p.name ?? "") of shape \(describe(p.shape)) does not require gradients")
            }
        }
    }

    /// Two groups: `decayed` with `weightDecay`, `notDecayed` (norms, biases, embeddings) with none.
    public convenience init(decayed: [Tensor], notDecayed: [Tensor], weightDecay: Float, learningRate: Float = 1e-3,
                            beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.init(groups: [ParameterGroup(parameters: decayed, weightDecay: weightDecay),
                           ParameterGroup(parameters: notDecayed, weightDecay: 0)],
                  learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    /// Every parameter of every group.
    public var parameters: [Tensor] { groups.flatMap(\.parameters) }

    /// Sets every parameter's gradient to zero.
    public func zeroGradients() {
        for group in groups { for p in group.parameters { p.zeroGradient() } }
    }

    /// One update from the current gradients. Parameters without a gradient are left unchanged.
    public func step() {
        stepCount += 1
        let b1 = beta1, b2 = beta2, eps = epsilon, lr = learningRate
        let correction1 = 1 - Float(pow(Double(b1), Double(stepCount)))
        let correction2 = 1 - Float(pow(Double(b2), Double(stepCount)))
        for (gi, group) in groups.enumerated() {
            let decay = 1 - lr * group.weightDecay
            for (pi, parameter) in group.parameters.enumerated() {
                guard let gradStorage = parameter.gradStorage else { continue }
                let w = parameter.pointer, g = gradStorage.pointer
                let m = moments[gi][pi].pointer, v = m + parameter.count
                parallelFor(parameter.count, cost: 8) { i0, i1 in
                    for i in i0..<i1 {
                        let grad = g[i]
                        let mi = b1 * m[i] + (1 - b1) * grad
                        let vi = b2 * v[i] + (1 - b2) * grad * grad
                        m[i] = mi
                        v[i] = vi
                        let update = (mi / correction1) / ((vi / correction2).squareRoot() + eps)
                        w[i] = w[i] * decay - lr * update
                    }
                }
            }
        }
    }
}
