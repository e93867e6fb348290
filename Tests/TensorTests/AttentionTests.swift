import Foundation
import Tensor
import XCTest

/// Attention values and masks against a naive per-head reference, and KV-cached decoding
/// against recomputing the whole sequence.
final class AttentionTests: XCTestCase {
    /// Reference attention in double, visibility given by `visible(query, key)`.
    func reference(_ q: Tensor, _ k: Tensor, _ v: Tensor, heads: Int, visible: (Int, Int) -> Bool) -> [Double] {
        let b = q.shape[0], t = q.shape[1], c = q.shape[2], d = c / heads
        let qs = q.scalars, ks = k.scalars, vs = v.scalars
        var out = [Double](repeating: 0, count: q.count)
        for bi in 0..<b {
            for h in 0..<heads {
                for i in 0..<t {
                    var scores = [Double](repeating: -.infinity, count: t)
                    for j in 0..<t where visible(i, j) {
                        var s = 0.0
                        for e in 0..<d { s += Double(qs[(bi * t + i) * c + h * d + e]) * Double(ks[(bi * t + j) * c + h * d + e]) }
                        scores[j] = s / Double(d).squareRoot()
                    }
                    let m = scores.max()!
                    let weights = scores.map { exp($0 - m) }
                    let total = weights.reduce(0, +)
                    for j in 0..<t {
                        for e in 0..<d { out[(bi * t + i) * c + h * d + e] += weights[j] / total * Double(vs[(bi * t + j) * c + h * d + e]) }
                    }
                }
            }
        }
        return out
    }

    func testMasksMatchTheirDefinitions() {
        let q = parameter([2, 7, 12], seed: 1), k = parameter([2, 7, 12], seed: 2), v = parameter([2, 7, 12], seed: 3)
        let cases: [(AttentionMask, (Int, Int) -> Bool)] = [
            (.full, { _, _ in true }),
            (.causal, { i, j in j <= i }),
            (.prefix(4), { i, j in (i < 4 && j < 4) || j <= i }),
        ]
        for (mask, visible) in cases {
            let got = attention(query: q, key: k, value: v, heads: 3, mask: mask).scalars
            let expected = reference(q, k, v, heads: 3, visible: visible)
            for i in 0..<got.count { XCTAssertEqual(Double(got[i]), expected[i], accuracy: 1e-5, "mask \(mask) element \(i)") }
        }
    }

    func testLargerShapesUseEveryKernelPath() {
        // 37 queries (row blocks and a remainder), head size 40 (16- and 8-wide tiles and a tail).
        let q = parameter([2, 37, 80], seed: 7), k = parameter([2, 37, 80], seed: 8), v = parameter([2, 37, 80], seed: 9)
        for (mask, visible) in [(AttentionMask.prefix(21), { (i: Int, j: Int) in (i < 21 && j < 21) || j <= i }), (.full, { _, _ in true })] {
            let got = attention(query: q, key: k, value: v, heads: 2, mask: mask).scalars
            let expected = reference(q, k, v, heads: 2, visible: visible)
            for i in 0..<got.count { XCTAssertEqual(Double(got[i]), expected[i], accuracy: 1e-5, "mask \(mask) element \(i)") }
        }
    }

    func testKVCacheDecodingEqualsFullRecompute() {
        let b = 2, t = 9, c = 8, prefix = 5
        let q = parameter([b, t, c], seed: 4), k = parameter([b, t, c], seed: 5), v = parameter([b, t, c], seed: 6)
        let full = attention(query: q, key: k, value: v, heads: 2, mask: .prefix(prefix)).scalars
        let cache = KVCache(batch: b, capacity: 16, channels: c)
        // Prefill the prefix in one call, then decode one position at a time.
        func positions(_ x: Tensor, _ range: Range<Int>) -> Tensor {
            var values: [Float] = []
            for bi in 0..<b { for i in range { values += x.scalars[((bi * t + i) * c)..<((bi * t + i + 1) * c)] } }
            return Tensor(shape: [b, range.count, c], scalars: values)
        }
        var pieces: [Tensor] = [cache.attend(query: positions(q, 0..<prefix), key: positions(k, 0..<prefix), value: positions(v, 0..<prefix),
                                             heads: 2, mask: .prefix(prefix))]
        for i in prefix..<t {
            pieces.append(cache.attend(query: positions(q, i..<i + 1), key: positions(k, i..<i + 1), value: positions(v, i..<i + 1),
                                       heads: 2, mask: .prefix(prefix)))
        }
        XCTAssertEqual(cache.length, t)
        for bi in 0..<b {
            var position = 0
            for piece in pieces {
                let n = piece.shape[1]
                for i in 0..<n {
                    for e in 0..<c {
                        XCTAssertEqual(piece.scalars[(bi * n + i) * c + e], full[(bi * t + position + i) * c + e], accuracy: 1e-5)
                    }
                }
                position += n
            }
        }
        cache.reset()
        XCTAssertEqual(cache.length, 0)
    }
}
