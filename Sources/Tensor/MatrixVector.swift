import CBLAS

/// The dense-layer products for inputs of a few rows, as in token-by-token decoding with a KV
/// cache. `cblas_sgemm` repacks the whole weight matrix into its blocked layout on every call,
/// which for one input row costs more than the product itself; matrix-vector calls
/// (`cblas_sgemv`, `cblas_sger`) read the weights in place.

/// Inputs of `linear` with at most this many rows take the matrix-vector path. Measured with
/// `engine-bench crossover` at the model's layer shapes (192x192, 192x768, 768x192, 192x700):
/// one `sgemv` per row beats one `sgemm` up to 4-8 rows, depending on the shape; for one row it
/// is 5-10 times faster.
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
    for r in 0..<rows {
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(outputs), Int32(inputs), 1, w, Int32(inputs),
                    x + r * inputs, 1, accumulate ? 1 : 0, y + r * outputs, 1)
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
