/// Elementwise arithmetic with broadcasting (`+`, `-`, `*`), scaling by a constant, and bias add.

private enum BinaryOperation { case add, subtract, multiply }

/// Fast path: `b` matches the trailing axes of `a` exactly (e.g. `[B, T, C] + [C]`).
private func isSuffix(_ small: [Int], of big: [Int]) -> Bool {
    small.count <= big.count && Array(big.suffix(small.count)) == small
}

private func binary(_ a: Tensor, _ b: Tensor, _ op: BinaryOperation, _ name: String) -> Tensor {
    if a.shape == b.shape || isSuffix(b.shape, of: a.shape) {
        return binarySuffix(a, b, op, swapped: false)
    }
    if isSuffix(a.shape, of: b.shape) {
        return binarySuffix(b, a, op, swapped: true)
    }
    guard let plan = Broadcast(a.shape, b.shape) else {
        fatalError("\(name): shapes \(describe(a.shape)) and \(describe(b.shape)) do not broadcast")
    }
    return binaryGeneral(a, b, op, plan)
}

/// `big op small` (or `small op big` when swapped) where `small` repeats along `big`'s rows.
private func binarySuffix(_ big: Tensor, _ small: Tensor, _ op: BinaryOperation, swapped: Bool) -> Tensor {
    let n = big.count, inner = max(small.count, 1), rows = n / inner
    let out = Tensor(uninitialized: big.shape)
    let x = big.pointer, y = small.pointer, z = out.pointer
    let sign: Float = swapped ? -1 : 1
    forEachSegment(rows: rows, inner: inner) { r, j0, j1 in
        let xr = x + r * inner, zr = z + r * inner
        switch op {
        case .add: for j in j0..<j1 { zr[j] = xr[j] + y[j] }
        case .subtract: for j in j0..<j1 { zr[j] = sign * (xr[j] - y[j]) }
        case .multiply: for j in j0..<j1 { zr[j] = xr[j] * y[j] }
        }
    }
    out.recordBackward([big, small]) { out in
        let g = out.gradPointer()
        if big.requiresGrad {
            let gx = big.gradPointer()
            forEachSegment(rows: rows, inner: inner) { r, j0, j1 in
                let gr = g + r * inner, gxr = gx + r * inner
                switch op {
                case .add: for j in j0..<j1 { gxr[j] += gr[j] }
                case .subtract: for j in j0..<j1 { gxr[j] += sign * gr[j] }
                case .multiply: for j in j0..<j1 { gxr[j] += gr[j] * y[j] }
                }
            }
        }
        if small.requiresGrad {
            let gy = small.gradPointer()
            parallelFor(inner, cost: rows) { j0, j1 in
                for r in 0..<rows {
                    let gr = g + r * inner, xr = x + r * inner
                    switch op {
                    case .add: for j in j0..<j1 { gy[j] += gr[j] }
                    case .subtract: for j in j0..<j1 { gy[j] -= sign * gr[j] }
                    case .multiply: for j in j0..<j1 { gy[j] += gr[j] * xr[j] }
                    }
                }
            }
        }
    }
    return out
}

/// Calls `body(row, start, end)` over a `rows x inner` matrix, split across threads by rows, or
/// by columns when there are fewer rows than threads (e.g. two tensors of the same shape).
private func forEachSegment(rows: Int, inner: Int, _ body: (Int, Int, Int) -> Void) {
    if rows >= Engine.threadCount {
        parallelFor(rows, cost: inner) { r0, r1 in for r in r0..<r1 { body(r, 0, inner) } }
    } else {
        parallelFor(inner, cost: rows) { j0, j1 in for r in 0..<rows { body(r, j0, j1) } }
    }
}

/// Any broadcast: one pass over runs of the innermost axis (serial: gradients of stretched
/// operands are sums whose order must not depend on threads).
private func binaryGeneral(_ a: Tensor, _ b: Tensor, _ op: BinaryOperation, _ plan: Broadcast) -> Tensor {
    let out = Tensor(uninitialized: plan.shape)
    let x = a.pointer, y = b.pointer, z = out.pointer
    plan.forEachRun { o, oa, ob, n, sa, sb in
        for j in 0..<n {
            let u = x[oa + j * sa], v = y[ob + j * sb]
            switch op {
            case .add: z[o + j] = u + v
            case .subtract: z[o + j] = u - v
            case .multiply: z[o + j] = u * v
            }
        }
    }
    out.recordBackward([a, b]) { out in
        let g = out.gradPointer()
        let ga = a.requiresGrad ? a.gradPointer() : nil
        let gb = b.requiresGrad ? b.gradPointer() : nil
        plan.forEachRun { o, oa, ob, n, sa, sb in
            for j in 0..<n {
                let gj = g[o + j]
                switch op {
                case .add: ga?[oa + j * sa] += gj; gb?[ob + j * sb] += gj
                case .subtract: ga?[oa + j * sa] += gj; gb?[ob + j * sb] -= gj
                case .multiply: ga?[oa + j * sa] += gj * y[ob + j * sb]; gb?[ob + j * sb] += gj * x[oa + j * sa]
                }
            }
        }
    }
    return out
}

/// Elementwise sum with broadcasting.
public func + (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .add, "add") }
/// Elementwise difference with broadcasting.
public func - (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .subtract, "subtract") }
/// Elementwise product with broadcasting.
public func * (a: Tensor, b: Tensor) -> Tensor { binary(a, b, .multiply, "multiply") }

/// Multiplies every element by a constant.
public func * (a: Tensor, factor: Float) -> Tensor { a.scaled(by: factor) }
/// Multiplies every element by a constant.
public func * (factor: Float, a: Tensor) -> Tensor { a.scaled(by: factor) }

extension Tensor {
    /// Every element multiplied by `factor`.
    public func scaled(by factor: Float) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let x = pointer, z = out.pointer
        parallelFor(count) { i0, i1 in for i in i0..<i1 { z[i] = x[i] * factor } }
        out.recordBackward([self]) { [self] out in
            let g = out.gradPointer(), gx = gradPointer()
            parallelFor(count) { i0, i1 in for i in i0..<i1 { gx[i] += g[i] * factor } }
        }
        return out
    }
}

/// `x [..., C] + bias [C]`: adds one bias per channel to every row.
public func addBias(_ x: Tensor, _ bias: Tensor) -> Tensor {
    require(bias.rank == 1 && x.rank >= 1 && x.shape[x.rank - 1] == bias.shape[0],
            "addBias: bias \(describe(bias.shape)) does not match the last axis of \(describe(x.shape))")
    return binarySuffix(x, bias, .add, swapped: false)
}
