import Randomness
import Tensor
import XCTest

/// Decoding runs `linear` on one row per step and attention on one or two queries; those inputs
/// take their own kernels. They must agree with the general path (the same rows inside a larger
/// input) and with double-precision definitions, forward and backward.
final class FewRowsTests: XCTestCase {
    /// The first `count` rows of a `[rows, columns]` tensor, as a new leaf.
    func firstRows(_ x: Tensor, _ count: Int) -> Tensor {
        let columns = x.shape[1]
        return Tensor(shape: [count, columns], scalars: Array(x.scalars[0..<(count * columns)]), requiresGrad: true)
    }

    func testLinearOnFewRowsMatchesTheSameRowsInALargeInput() {
        // Shapes of the decoder (width 192, MLP 768) and an odd one; 48 rows take the GEMM path.
        for (inputs, outputs) in [(192, 768), (768, 192), (37, 11)] {
            let big = parameter([48, inputs], seed: 1), weight = parameter([outputs, inputs], seed: 2, scale: 0.1)
            let bias = parameter([outputs], seed: 3)
            let gradient = parameter([48, outputs], seed: 4)
            for rows in 1...6 {
                // Reference: the large input, with an output gradient that is zero past `rows`.
                big.zeroGradient(); weight.zeroGradient(); bias.zeroGradient()
                let seed = Tensor(shape: [48, outputs], scalars: gradient.scalars.enumerated().map { $0.offset < rows * outputs ? $0.element : 0 })
                let reference = linear(big, weight: weight, bias: bias)
                reference.backward(gradient: seed)
                let expectedWeightGradient = weight.gradient!, expectedBiasGradient = bias.gradient!
                let expectedInputGradient = Array(big.gradient![0..<(rows * inputs)])
                let expected = Array(reference.scalars[0..<(rows * outputs)])

                weight.zeroGradient(); bias.zeroGradient()
                let x = firstRows(big, rows)
                let y = linear(x, weight: weight, bias: bias)
                XCTAssertEqual(y.shape, [rows, outputs])
                y.backward(gradient: Tensor(shape: [rows, outputs], scalars: Array(seed.scalars[0..<(rows * outputs)])))
                assertClose(y.scalars, expected, "output, \(rows) rows, \(inputs)->\(outputs)")
                assertClose(x.gradient!, expectedInputGradient, "input gradient, \(rows) rows, \(inputs)->\(outputs)")
                assertClose(weight.gradient!, expectedWeightGradient, "weight gradient, \(rows) rows, \(inputs)->\(outputs)")
                assertClose(bias.gradient!, expectedBiasGradient, "bias gradient, \(rows) rows, \(inputs)->\(outputs)")
            }
        }
    }

    func testLinearOnOneRowMatchesItsDefinition() {
        let x = parameter([1, 1, 9], seed: 5), weight = parameter([7, 9], seed: 6)
        let y = linear(x, weight: weight).scalars
        for o in 0..<7 {
            let expected = (0..<9).reduce(0.0) { $0 + Double(x.scalars[$1]) * Double(weight.scalars[o * 9 + $1]) }
            XCTAssertEqual(Double(y[o]), expected, accuracy: 1e-5)
        }
        checkGradients([parameter([1, 5], seed: 7), parameter([3, 5], seed: 8), parameter([3], seed: 9)]) {
            linear($0[0], weight: $0[1], bias: $0[2])
        }
    }

    func testAttentionOfTheLastQueriesMatchesTheFullSequence() {
        // Head size 40: SIMD dot products with a tail. The last 1 or 2 queries of a sequence
        // attend like those rows of the full attention, and their gradients are correct.
        let b = 2, t = 23, c = 80, heads = 2
        let q = parameter([b, t, c], seed: 10), k = parameter([b, t, c], seed: 11), v = parameter([b, t, c], seed: 12)
        for mask in [AttentionMask.prefix(20), .causal, .full] {
            let full = attention(query: q, key: k, value: v, heads: heads, mask: mask).scalars
            for queries in 1...2 {
                var rows: [Float] = []
                for bi in 0..<b { rows += q.scalars[((bi * t + t - queries) * c)..<((bi * t + t) * c)] }
                let last = Tensor(shape: [b, queries, c], scalars: rows)
                let got = attention(query: last, key: k, value: v, heads: heads, mask: mask).scalars
                var expected: [Float] = []
                for bi in 0..<b { expected += full[((bi * t + t - queries) * c)..<((bi * t + t) * c)] }
                assertClose(got, expected, "\(mask), \(queries) queries")
            }
        }
        let small = [parameter([1, 2, 12], seed: 13), parameter([1, 6, 12], seed: 14), parameter([1, 6, 12], seed: 15)]
        checkGradients(small) { attention(query: $0[0], key: $0[1], value: $0[2], heads: 3, mask: .prefix(3)) }
    }

    func testKVCacheDecodingWithWideHeadsEqualsFullRecompute() {
        let t = 12, c = 192, heads = 6, prefix = 8
        let q = parameter([1, t, c], seed: 16), k = parameter([1, t, c], seed: 17), v = parameter([1, t, c], seed: 18)
        let full = attention(query: q, key: k, value: v, heads: heads, mask: .prefix(prefix)).scalars
        func positions(_ x: Tensor, _ range: Range<Int>) -> Tensor {
            Tensor(shape: [1, range.count, c], scalars: Array(x.scalars[(range.lowerBound * c)..<(range.upperBound * c)]))
        }
        let cache = KVCache(batch: 1, capacity: t, channels: c)
        var got = withoutGradients {
            cache.attend(query: positions(q, 0..<prefix), key: positions(k, 0..<prefix), value: positions(v, 0..<prefix),
                         heads: heads, mask: .prefix(prefix)).scalars
        }
        for i in prefix..<t {
            got += cache.attend(query: positions(q, i..<(i + 1)), key: positions(k, i..<(i + 1)), value: positions(v, i..<(i + 1)),
                                heads: heads, mask: .prefix(prefix)).scalars
        }
        assertClose(got, full, "cached decoding")
    }

    func assertClose(_ got: [Float], _ expected: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, what, file: file, line: line)
        for i in 0..<min(got.count, expected.count) where abs(got[i] - expected[i]) > 1e-4 * max(1, abs(expected[i])) {
            XCTFail("\(what): element \(i) is \(got[i]), expected \(expected[i])", file: file, line: line)
            return
        }
    }
}
