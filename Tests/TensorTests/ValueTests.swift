import Foundation
import Randomness
import Tensor
import XCTest

/// Forward values of the ops against straightforward double-precision references.
final class ValueTests: XCTestCase {
    func testMatmulAndLinearMatchNaiveProducts() {
        let a = parameter([3, 4, 5], seed: 1), b = parameter([5, 6], seed: 2), bias = parameter([6], seed: 3)
        let w = parameter([6, 5], seed: 4)
        let product = matmul(a, b).scalars, dense = linear(a, weight: w, bias: bias).scalars
        let x = a.scalars, y = b.scalars, wv = w.scalars, bv = bias.scalars
        for r in 0..<12 {
            for c in 0..<6 {
                var p = 0.0, d = Double(bv[c])
                for k in 0..<5 {
                    p += Double(x[r * 5 + k]) * Double(y[k * 6 + c])
                    d += Double(x[r * 5 + k]) * Double(wv[c * 5 + k])
                }
                XCTAssertEqual(product[r * 6 + c], Float(p), accuracy: 1e-4)
                XCTAssertEqual(dense[r * 6 + c], Float(d), accuracy: 1e-4)
            }
        }
    }

    func testBroadcastingShapesAndValues() {
        let a = Tensor(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [2, 1], scalars: [10, 20])
        let sum = a + b
        XCTAssertEqual(sum.shape, [2, 2, 3])
        XCTAssertEqual(sum.scalars, [11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26])
        XCTAssertEqual((a * b).scalars, [10, 20, 30, 20, 40, 60, 40, 50, 60, 80, 100, 120])
        XCTAssertEqual((b - a).shape, [2, 2, 3])
        XCTAssertEqual((b - a).scalars[0], 9)
    }

    func testFastExpAndTanhThroughOps() {
        // softmax of [x, 0] is sigmoid(x); gelu uses tanh: compare both to libm over a wide range.
        let xs = stride(from: -20.0, through: 20.0, by: 0.05).map { Float($0) }
        let pairs = Tensor(shape: [xs.count, 2], scalars: xs.flatMap { [$0, 0] }).softmax().scalars
        let gelu = Tensor(shape: [xs.count], scalars: xs).gelu().scalars
        for (i, x) in xs.enumerated() {
            let sigmoid = 1 / (1 + exp(-Double(x)))
            XCTAssertEqual(Double(pairs[2 * i]), sigmoid, accuracy: 1e-6 * max(1, sigmoid))
            let reference = 0.5 * Double(x) * (1 + tanh(0.7978845608 * (Double(x) + 0.044715 * pow(Double(x), 3))))
            XCTAssertEqual(Double(gelu[i]), reference, accuracy: 2e-6 * max(1, abs(reference)))
        }
    }

    func testLongSoftmaxAndCrossEntropyRowsMatchLibm() {
        // Rows of 37: the exponentials run eight at a time plus a 5-element tail; values span
        // [-40, 40], so the shifted inputs reach -80.
        let v = 37
        let xs: [Float] = (0..<(3 * v)).map { i in
            let coarse = Float((i * 29) % 81) - 40
            return coarse + Float(i % 7) * 0.13
        }
        let logits = Tensor(shape: [3, v], scalars: xs)
        let probabilities = logits.softmax().scalars
        let targets = [0, 17, 36]
        let loss = crossEntropy(logits: logits, targets: targets).item
        var expectedLoss = 0.0
        for r in 0..<3 {
            let row = xs[(r * v)..<((r + 1) * v)].map(Double.init)
            let m = row.max()!
            let total = row.map { exp($0 - m) }.reduce(0, +)
            for j in 0..<v {
                let expected = exp(row[j] - m) / total
                // The range reduction's relative error grows with |x - m| (about 6e-8 per unit).
                let tolerance = 1e-7 * (1 + abs(row[j] - m)) * expected
                XCTAssertEqual(Double(probabilities[r * v + j]), expected, accuracy: tolerance, "row \(r) column \(j)")
            }
            expectedLoss += (m + log(total) - row[targets[r]]) / 3
        }
        XCTAssertEqual(Double(loss), expectedLoss, accuracy: 1e-5 * abs(expectedLoss))
    }

    func testLayerNormAndRMSNormMatchDefinitions() {
        let x = parameter([3, 10], seed: 5, scale: 3), w = parameter([10], seed: 6), b = parameter([10], seed: 7)
        let ln = layerNorm(x, weight: w, bias: b).scalars, rms = rmsNorm(x, weight: w).scalars
        for r in 0..<3 {
            let row = (0..<10).map { Double(x.scalars[r * 10 + $0]) }
            let mean = row.reduce(0, +) / 10
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10
            let meanSquare = row.map { $0 * $0 }.reduce(0, +) / 10
            for j in 0..<10 {
                let expected = (row[j] - mean) / (variance + 1e-5).squareRoot() * Double(w.scalars[j]) + Double(b.scalars[j])
                XCTAssertEqual(Double(ln[r * 10 + j]), expected, accuracy: 1e-5)
                XCTAssertEqual(Double(rms[r * 10 + j]), row[j] / (meanSquare + 1e-6).squareRoot() * Double(w.scalars[j]), accuracy: 1e-5)
            }
        }
    }

    func testCrossEntropyMatchesDefinition() {
        let logits = parameter([4, 6], seed: 8, scale: 2)
        let targets = [5, -100, 0, 3], weights: [Float] = [2, 7, 1, 0.5]
        let loss = crossEntropy(logits: logits, targets: targets, weights: weights).item
        var total = 0.0, weightSum = 0.0
        for r in 0..<4 where targets[r] != -100 {
            let row = (0..<6).map { Double(logits.scalars[r * 6 + $0]) }
            let logSum = log(row.map { exp($0) }.reduce(0, +))
            total += Double(weights[r]) * (logSum - row[targets[r]])
            weightSum += Double(weights[r])
        }
        XCTAssertEqual(Double(loss), total / weightSum, accuracy: 1e-5)
        XCTAssertEqual(crossEntropy(logits: logits, targets: [-100, -100, -100, -100]).item, 0)
    }

    func testEmbeddingGathersRows() {
        let table = Tensor(shape: [3, 2], scalars: [0, 1, 10, 11, 20, 21])
        let rows = embedding(table, indices: [2, 0, 2], shape: [1, 3])
        XCTAssertEqual(rows.shape, [1, 3, 2])
        XCTAssertEqual(rows.scalars, [20, 21, 0, 1, 20, 21])
    }

    func testReductions() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(x.sum().item, 21)
        XCTAssertEqual(x.mean().item, 3.5)
        XCTAssertEqual(x.reshaped([3, -1]).shape, [3, 2])
    }

    func testBackwardFromASeedGradient() {
        let x = Tensor(shape: [3], scalars: [1, 2, 3], requiresGrad: true)
        let y = (x * x).scaled(by: 2)
        y.backward(gradient: Tensor(shape: [3], scalars: [1, 0.5, -1]))
        XCTAssertEqual(x.gradient, [4, 4, -12], "d(2x^2)/dx = 4x, times the seed")
    }
}
