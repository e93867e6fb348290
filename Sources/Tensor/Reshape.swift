extension Tensor {
    /// The same elements under a new shape (no copy). One extent may be -1, inferred from the rest.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        let unknown = newShape.filter { $0 == -1 }.count
        require(unknown <= 1 && newShape.allSatisfy { $0 >= -1 }, "reshape: invalid target shape \(describe(newShape)) for \(describe(shape))")
        if unknown == 1 {
            require(known > 0 && count % known == 0, "reshape: cannot reshape \(describe(shape)) to \(describe(newShape))")
            resolved[newShape.firstIndex(of: -1)!] = count / known
        }
        require(resolved.reduce(1, *) == count, "reshape: cannot reshape \(describe(shape)) (\(count) elements) to \(describe(newShape))")
        let out = Tensor(shape: resolved, storage: storage)
        out.recordBackward([self]) { [self] out in
            let g = out.gradPointer(), gx = gradPointer()
            parallelFor(count) { i0, i1 in for i in i0..<i1 { gx[i] += g[i] } }
        }
        return out
    }
}
