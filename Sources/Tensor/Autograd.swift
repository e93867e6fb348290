/// Reverse-mode autograd. Each op that reads a tensor requiring gradients records, on its
/// result, the inputs and a closure that adds the result's gradient into theirs. `backward()`
/// walks those records newest first (the tape) and then releases them, so the activations of a
/// step return to the pool as soon as backward has used them.
public enum GradientMode {
    nonisolated(unsafe) static var enabled = true

    /// Whether ops currently record history for autograd.
    public static var isEnabled: Bool { enabled }
}

/// Runs `body` without recording autograd history (inference, evaluation, optimiser updates).
public func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
    let previous = GradientMode.enabled
    GradientMode.enabled = false
    defer { GradientMode.enabled = previous }
    return try body()
}

extension Tensor {
    /// Records how to send this tensor's gradient to `inputs`, when gradients are on and one of
    /// them needs a gradient. `backward` receives this tensor and must add into the inputs'
    /// gradients (never overwrite: an input can feed several ops).
    func recordBackward(_ inputs: [Tensor], _ backward: @escaping (Tensor) -> Void) {
        guard GradientMode.enabled, inputs.contains(where: { $0.requiresGrad }) else { return }
        requiresGrad = true
        parents = inputs
        backwardFunction = backward
    }

    /// Computes the gradient of this scalar with respect to every tensor it was computed from that
    /// requires gradients, adding it to their `gradient`. The recorded history is released.
    public func backward() {
        require(count == 1, "backward(): the loss must have one element, got shape \(describe(shape))")
        propagate { $0[0] += 1 }
    }

    /// Backward from a non-scalar tensor, seeded with `gradient` (same shape): computes the
    /// vector-Jacobian product `gradient^T * d(self)/d(input)` for every input.
    public func backward(gradient: Tensor) {
        require(gradient.shape == shape, "backward(gradient:): gradient \(describe(gradient.shape)) does not match tensor \(describe(shape))")
        propagate { seed in
            let g = gradient.pointer
            for i in 0..<count { seed[i] += g[i] }
        }
    }

    private func propagate(seed: (UnsafeMutablePointer<Float>) -> Void) {
        var nodes: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [Tensor] = [self]
        while let t = stack.popLast() {
            guard t.backwardFunction != nil, visited.insert(ObjectIdentifier(t)).inserted else { continue }
            nodes.append(t)
            for p in t.parents where p.requiresGrad { stack.append(p) }
        }
        nodes.sort { $0.sequence > $1.sequence }
        seed(gradPointer())
        for node in nodes {
            if node.gradStorage != nil, let f = node.backwardFunction { f(node) }
            node.backwardFunction = nil
            node.parents = []
            node.gradStorage = nil
        }
    }

    /// Drops this tensor's recorded history without computing gradients (e.g. after evaluating a
    /// loss that will not be trained on).
    public func releaseHistory() {
        var stack: [Tensor] = [self]
        while let t = stack.popLast() {
            guard t.backwardFunction != nil else { continue }
            stack.append(contentsOf: t.parents)
            t.backwardFunction = nil
            t.parents = []
        }
    }
}
