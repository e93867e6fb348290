import CBLAS

/// Row-major `C = alpha * op(A) * op(B) + (accumulate ? C : 0)` through OpenBLAS `cblas_sgemm`,
/// where op(A) is M x K and op(B) is K x N.
@inline(__always)
func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, alpha: Float = 1
) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
        return
    }
    cblas_sgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), accumulate ? 1 : 0, c, Int32(ldc))
}

/// Sums the rows of a `rows x columns` matrix into `out[columns]` (adding to it), parallel over
/// columns so each output has one fixed summation order.
func addColumnSums(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>) {
    parallelFor(columns, cost: rows) { c0, c1 in
        for r in 0..<rows {
            let row = x + r * columns
            for c in c0..<c1 { out[c] += row[c] }
        }
    }
}
