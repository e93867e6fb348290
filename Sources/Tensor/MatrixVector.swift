import CBLAS

/// The dense-layer products for inputs of a few rows, as in token-by-token decoding with a KV
/// cache. `cblas_sgemm` repacks the whole weight matrix into its blocked layout on every call,
/// which for one input row costs more than the product itself; matrix-vector products (our
/// row dots forward, `cblas_sgemv` and `cblas_sger` backward) read the weights in place.

/// Inputs of `linear` with at most this many rows take the matrix-vector path. Measured with
/// `engine-bench crossover` at the model's layer shapes (192x192, 192x768, 768x192, 192x700):
/// matrix-vector products beat one `sgemm` up to 4-8 rows, depending on the shape; for one row
/// they are 5-10 times faster.
let matrixVectorRowLimit = 4

/// `y[r] = W x[r]` (or `+=` when `accumulate`) for each of `rows` rows: `W [outputs, inputs]`
/// row-major, `x [rows, inputs]`, `y [rows, outputs]`.
func matrixVectorRows(rows: Int, outputs: Int, inputs: Int, _ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                      _ y: UnsafeMutablePointer<Float>, accumulate: Bool) {
    if outputs == 0 { return }
    if inputs == 0 {
        if !accumulate { y.update(repeating: 0, count: rows * outputs) }
        return
    }
    for r in 0..<rows { rowDots(w, x + r * inputs, y + r * outputs, outputs: outputs, inputs: inputs, accumulate: accumulate) }
}

/// `y[o] = W[o, :] . x` (or `+=`) on the calling thread, four weight rows per pass so four
/// independent sums are in flight. One row of the model's layers is a few microseconds of
/// work: OpenBLAS's `sgemv` splits it over its threads, and waiting for them costs more than
/// that whenever the cores are busy.
private func rowDots(_ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                     outputs: Int, inputs: Int, accumulate: Bool) {
    @inline(__always) func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    var o = 0
    while o + 4 <= outputs {
        let w0 = w + o * inputs, w1 = w0 + inputs, w2 = w1 + inputs, w3 = w2 + inputs
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        var i = 0
        while i + 8 <= inputs {
            let v = load8(x + i)
            a0 += load8(w0 + i) * v
            a1 += load8(w1 + i) * v
            a2 += load8(w2 + i) * v
            a3 += load8(w3 + i) * v
            i += 8
        }
        var s0 = a0.sum(), s1 = a1.sum(), s2 = a2.sum(), s3 = a3.sum()
        while i < inputs {
            s0 += w0[i] * x[i]; s1 += w1[i] * x[i]; s2 += w2[i] * x[i]; s3 += w3[i] * x[i]
            i += 1
        }
        if accumulate { s0 += y[o]; s1 += y[o + 1]; s2 += y[o + 2]; s3 += y[o + 3] }
        y[o] = s0; y[o + 1] = s1; y[o + 2] = s2; y[o + 3] = s3
        o += 4
    }
    while o < outputs {
        let total = dot(w + o * inputs, x, inputs)
        y[o] = accumulate ? y[o] + total : total
        o += 1
    }
}

/// `gx[r] += W^T g[r]` for each of `rows` rows: `W [outputs, inputs]`, `g [rows, outputs]`,
/// `gx [rows, inputs]`.
func transposedMatrixVectorRows(rows: Int, outputs: Int, inputs: Int, _ w: UnsafePointer<Float>, _ g: UnsafePointer<Float>,
                                addingTo gx: UnsafeMutablePointer<Float>) {
    if outputs == 0 || inputs == 0 { return }
    for r in 0..<rows {
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(outputs), Int32(inputs), 1, w, Int32(inputs),
                    g + r * outputs, 1, 1, gx + r * inputs, 1)
    }
}

/// `gW += sum over r of g[r] x[r]^T` (one rank-1 update per row): `g [rows, outputs]`,
/// `x [rows, inputs]`, `gW [outputs, inputs]`.
func addOuterProducts(rows: Int, outputs: Int, inputs: Int, _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                      addingTo gw: UnsafeMutablePointer<Float>) {
    if outputs == 0 || inputs == 0 { return }
    for r in 0..<rows {
        cblas_sger(CblasRowMajor, Int32(outputs), Int32(inputs), 1, g + r * outputs, 1, x + r * inputs, 1, gw, Int32(inputs))
    }
}
