/// Matrix products through OpenBLAS: `matmul` (plain, shared right operand, or batched) and
/// `linear` (a dense layer, PyTorch's weight layout).

/// Matrix product over the last two axes.
///
/// - `a [..., M, K] x b [K, N] -> [..., M, N]`: `b` is shared by every leading index of `a`.
/// - `a [B..., M, K] x b [B..., K, N] -> [B..., M, N]`: batched, identical leading axes.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
    require(a.rank >= 2 && b.rank >= 2 && a.shape[a.rank - 1] == b.shape[b.rank - 2],
            "matmul: shapes \(describe(a.shape)) and \(describe(b.shape)) do not chain (need [..., M, K] x [..., K, N])")
    let k = a.shape[a.rank - 1], n = b.shape[b.rank - 1]
    if b.rank == 2 {
        let m = a.count / max(k, 1)
        let out = Tensor(uninitialized: Array(a.shape.dropLast()) + [n])
        gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a.pointer, lda: k, b.pointer, ldb: n, out.pointer, ldc: n, accumulate: false)
        out.recordBackward([a, b]) { out in
            let g = out.gradPointer()
            if a.requiresGrad {
                gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, g, lda: n, b.pointer, ldb: n, a.gradPointer(), ldc: k, accumulate: true)
            }
            if b.requiresGrad {
                gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, a.pointer, lda: k, g, ldb: n, b.gradPointer(), ldc: n, accumulate: true)
            }
        }
        return out
    }
    require(a.rank == b.rank && a.shape.dropLast(2) == b.shape.dropLast(2),
            "matmul: batched shapes \(describe(a.shape)) and \(describe(b.shape)) need identical leading axes")
    let m = a.shape[a.rank - 2]
    let batch = a.shape.dropLast(2).reduce(1, *)
    let out = Tensor(uninitialized: Array(a.shape.dropLast()) + [n])
    for i in 0..<batch {
        gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a.pointer + i * m * k, lda: k, b.pointer + i * k * n, ldb: n,
             out.pointer + i * m * n, ldc: n, accumulate: false)
    }
    out.recordBackward([a, b]) { out in
        let g = out.gradPointer()
        for i in 0..<batch {
            if a.requiresGrad {
                gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, g + i * m * n, lda: n, b.pointer + i * k * n, ldb: n,
                     a.gradPointer() + i * m * k, ldc: k, accumulate: true)
            }
            if b.requiresGrad {
                gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, a.pointer + i * m * k, lda: k, g + i * m * n, ldb: n,
                     b.gradPointer() + i * k * n, ldc: n, accumulate: true)
            }
        }
    }
    return out
}

/// A dense layer: `x [..., In]`, `weight [Out, In]`, `bias [Out]` -> `x * weight^T + bias`.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    require(weight.rank == 2 && x.rank >= 1 && x.shape[x.rank - 1] == weight.shape[1],
            "linear: input \(describe(x.shape)) does not match weight \(describe(weight.shape)) (need [..., In] and [Out, In])")
    let inputs = weight.shape[1], outputs = weight.shape[0]
    if let bias { require(bias.shape == [outputs], "linear: bias \(describe(bias.shape)) does not match weight \(describe(weight.shape))") }
    let rows = x.count / max(inputs, 1)
    let out = Tensor(uninitialized: Array(x.shape.dropLast()) + [outputs])
    if let bias {
        let y = out.pointer, b = bias.pointer
        for r in 0..<rows { (y + r * outputs).update(from: b, count: outputs) }
    }
    // A few rows (token-by-token decoding) take matrix-vector products: sgemm would repack the
    // whole weight matrix for them (MatrixVector.swift).
    let fewRows = rows <= matrixVectorRowLimit
    if fewRows {
        matrixVectorRows(rows: rows, outputs: outputs, inputs: inputs, weight.pointer, x.pointer, out.pointer, accumulate: bias != nil)
    } else {
        gemm(transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs, x.pointer, lda: inputs, weight.pointer, ldb: inputs,
             out.pointer, ldc: outputs, accumulate: bias != nil)
    }
    out.recordBackward(bias.map { [x, weight, $0] } ?? [x, weight]) { out in
        let g = out.gradPointer()
        if x.requiresGrad {
            if fewRows {
                transposedMatrixVectorRows(rows: rows, outputs: outputs, inputs: inputs, weight.pointer, g, addingTo: x.gradPointer())
            } else {
                gemm(transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs, g, lda: outputs, weight.pointer, ldb: inputs,
                     x.gradPointer(), ldc: inputs, accumulate: true)
            }
        }
        if weight.requiresGrad {
            if fewRows {
                addOuterProducts(rows: rows, outputs: outputs, inputs: inputs, g, x.pointer, addingTo: weight.gradPointer())
            } else {
                gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows, g, lda: outputs, x.pointer, ldb: inputs,
                     weight.gradPointer(), ldc: inputs, accumulate: true)
            }
        }
        if let bias, bias.requiresGrad {
            addColumnSums(g, rows: rows, columns: outputs, into: bias.gradPointer())
        }
    }
    return out
}
