/// The optimiser's state as named tensors, so a checkpoint can hold it and a resumed run can
/// continue with the same moments and bias correction.
extension AdamW {
    /// First and second moments of every parameter (`g<group>.p<index>.m` / `.v`, shaped like the
    /// parameter) and the step count (`step`, one element).
    public func stateTensors() -> [String: Tensor] {
        var state: [String: Tensor] = ["step": Tensor(shape: [1], scalars: [Float(stepCount)])]
        for (gi, group) in groups.enumerated() {
            for (pi, parameter) in group.parameters.enumerated() {
                let m = Tensor(zeros: parameter.shape), v = Tensor(zeros: parameter.shape)
                m.pointer.update(from: moments[gi][pi].pointer, count: parameter.count)
                v.pointer.update(from: moments[gi][pi].pointer + parameter.count, count: parameter.count)
                state["g\(gi).p\(pi).m"] = m
                state["g\(gi).p\(pi).v"] = v
            }
        }
        return state
    }

    /// Restores what `stateTensors()` returned for an optimiser over parameters of the same shapes.
    /// Throws `SafeTensorsError` naming the first missing or mis-shaped tensor; nothing changes then.
    public func loadState(_ state: [String: Tensor], source: String) throws {
        guard let step = state["step"], step.count == 1 else { throw SafeTensorsError.missingTensor(path: source, tensor: "step") }
        var expected: Set<String> = ["step"]
        for (gi, group) in groups.enumerated() {
            for (pi, parameter) in group.parameters.enumerated() {
                for suffix in ["m", "v"] {
                    let name = "g\(gi).p\(pi).\(suffix)"
                    expected.insert(name)
                    guard let t = state[name] else { throw SafeTensorsError.missingTensor(path: source, tensor: name) }
                    guard t.shape == parameter.shape else {
                        throw SafeTensorsError.shapeMismatch(path: source, tensor: name, expected: parameter.shape, found: t.shape)
                    }
                }
            }
        }
        if let extra = state.keys.sorted().first(where: { !expected.contains($0) }) {
            throw SafeTensorsError.unexpectedTensor(path: source, tensor: extra)
        }
        for (gi, group) in groups.enumerated() {
            for (pi, parameter) in group.parameters.enumerated() {
                moments[gi][pi].pointer.update(from: state["g\(gi).p\(pi).m"]!.pointer, count: parameter.count)
                (moments[gi][pi].pointer + parameter.count).update(from: state["g\(gi).p\(pi).v"]!.pointer, count: parameter.count)
            }
        }
        stepCount = Int(step.pointer[0])
    }
}
