/// A register-blocked matrix product for the small per-head matrices inside attention
/// (e.g. 128 x 128 x 48), where an OpenBLAS call per head would cost more in dispatch than it
/// computes and could not run inside our own parallel loop. SIMD8 fused multiply-adds on 4 x 16
/// tiles of C held in registers (`addProduct` is a single FMA instruction because the target is
/// built for the host CPU; see Package.swift).

@inline(__always) private func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) private func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>, accumulate: Bool) {
    let raw = UnsafeMutableRawPointer(p)
    raw.storeBytes(of: accumulate ? v + raw.loadUnaligned(as: SIMD8<Float>.self) : v, as: SIMD8<Float>.self)
}

/// `C[m, n] = A[m, k] * B[k, n]` (or `+=` when `accumulate`), row-major with row strides
/// `lda`, `ldb`, `ldc`.
func smallGEMM(m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
               _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    var i = 0
    while i + 4 <= m {
        let a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda
        var j = 0
        while j + 16 <= n {
            var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
            var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
            for p in 0..<k {
                let bp = b + p * ldb + j
                let b0 = load8(bp), b1 = load8(bp + 8)
                let x0 = SIMD8(repeating: a0[p]), x1 = SIMD8(repeating: a1[p]), x2 = SIMD8(repeating: a2[p]), x3 = SIMD8(repeating: a3[p])
                c00.addProduct(x0, b0); c01.addProduct(x0, b1)
                c10.addProduct(x1, b0); c11.addProduct(x1, b1)
                c20.addProduct(x2, b0); c21.addProduct(x2, b1)
                c30.addProduct(x3, b0); c31.addProduct(x3, b1)
            }
            let c0 = c + i * ldc + j
            store8(c00, c0, accumulate: accumulate); store8(c01, c0 + 8, accumulate: accumulate)
            store8(c10, c0 + ldc, accumulate: accumulate); store8(c11, c0 + ldc + 8, accumulate: accumulate)
            store8(c20, c0 + 2 * ldc, accumulate: accumulate); store8(c21, c0 + 2 * ldc + 8, accumulate: accumulate)
            store8(c30, c0 + 3 * ldc, accumulate: accumulate); store8(c31, c0 + 3 * ldc + 8, accumulate: accumulate)
            j += 16
        }
        while j + 8 <= n {
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            for p in 0..<k {
                let b0 = load8(b + p * ldb + j)
                c0.addProduct(SIMD8(repeating: a0[p]), b0)
                c1.addProduct(SIMD8(repeating: a1[p]), b0)
                c2.addProduct(SIMD8(repeating: a2[p]), b0)
                c3.addProduct(SIMD8(repeating: a3[p]), b0)
            }
            let out = c + i * ldc + j
            store8(c0, out, accumulate: accumulate); store8(c1, out + ldc, accumulate: accumulate)
            store8(c2, out + 2 * ldc, accumulate: accumulate); store8(c3, out + 3 * ldc, accumulate: accumulate)
            j += 8
        }
        if j < n { scalarGEMM(rows: i..<(i + 4), columns: j..<n, k: k, a, lda: lda, b, ldb: ldb, c, ldc: ldc, accumulate: accumulate) }
        i += 4
    }
    while i < m {
        let ai = a + i * lda
        var j = 0
        while j + 8 <= n {
            var acc = SIMD8<Float>()
            for p in 0..<k { acc.addProduct(SIMD8(repeating: ai[p]), load8(b + p * ldb + j)) }
            store8(acc, c + i * ldc + j, accumulate: accumulate)
            j += 8
        }
        if j < n { scalarGEMM(rows: i..<(i + 1), columns: j..<n, k: k, a, lda: lda, b, ldb: ldb, c, ldc: ldc, accumulate: accumulate) }
        i += 1
    }
}

/// The edge columns that do not fill a SIMD8 vector.
private func scalarGEMM(rows: Range<Int>, columns: Range<Int>, k: Int, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
                        _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    for i in rows {
        for j in columns {
            var total: Float = 0
            for p in 0..<k { total += a[i * lda + p] * b[p * ldb + j] }
            c[i * ldc + j] = accumulate ? c[i * ldc + j] + total : total
        }
    }
}

/// `destination[cols, rows] = source[rows, cols]^T` (source row stride `ld`, destination contiguous).
func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, ld: Int, into destination: UnsafeMutablePointer<Float>) {
    let block = 16
    var r0 = 0
    while r0 < rows {
        var c0 = 0
        while c0 < columns {
            for r in r0..<min(r0 + block, rows) {
                for col in c0..<min(c0 + block, columns) { destination[col * rows + r] = source[r * ld + col] }
            }
            c0 += block
        }
        r0 += block
    }
}
