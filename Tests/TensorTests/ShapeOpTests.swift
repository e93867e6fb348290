import Randomness
import Tensor
import XCTest

/// Values of convolution, pooling, permute, concat, slice, pixel-shuffle and dropout against
/// their definitions.
final class ShapeOpTests: XCTestCase {
    func testConvolutionMatchesDirectSum() {
        let x = parameter([2, 3, 7, 6], seed: 1), w = parameter([5, 3, 3, 3], seed: 2), bias = parameter([5], seed: 3)
        let y = conv2d(x, weight: w, bias: bias, stride: 2, padding: 1)
        XCTAssertEqual(y.shape, [2, 5, 4, 3])
        let xs = x.scalars, ws = w.scalars, ys = y.scalars
        for b in 0..<2 { for o in 0..<5 { for oy in 0..<4 { for ox in 0..<3 {
            var total = Double(bias.scalars[o])
            for c in 0..<3 { for ky in 0..<3 { for kx in 0..<3 {
                let iy = oy * 2 - 1 + ky, ix = ox * 2 - 1 + kx
                guard iy >= 0 && iy < 7 && ix >= 0 && ix < 6 else { continue }
                total += Double(xs[((b * 3 + c) * 7 + iy) * 6 + ix]) * Double(ws[((o * 3 + c) * 3 + ky) * 3 + kx])
            } } }
            XCTAssertEqual(Double(ys[((b * 5 + o) * 4 + oy) * 3 + ox]), total, accuracy: 1e-4)
        } } } }
    }

    func testPoolingValues() {
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, -1, 8, 4])
        XCTAssertEqual(maxPool2d(x, kernel: 2).scalars, [5, 8])
        XCTAssertEqual(avgPool2d(x, kernel: 2).scalars, [2, 3.5])
        XCTAssertEqual(maxPool2d(x, kernel: 2, stride: 1).scalars, [5, 8, 8])
    }

    func testPermuteConcatSlice() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(x.permuted([1, 0]).scalars, [1, 4, 2, 5, 3, 6])
        let cube = Tensor(shape: [2, 2, 2], scalars: [0, 1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(cube.permuted([2, 0, 1]).scalars, [0, 2, 4, 6, 1, 3, 5, 7])
        XCTAssertEqual(concat([x, Tensor(shape: [2, 1], scalars: [9, 10])], axis: 1).scalars, [1, 2, 3, 9, 4, 5, 6, 10])
        XCTAssertEqual(concat([x, x], axis: 0).shape, [4, 3])
        XCTAssertEqual(x.sliced(axis: 1, range: 1..<3).scalars, [2, 3, 5, 6])
        XCTAssertEqual(x.sliced(axis: 0, range: 1..<2).scalars, [4, 5, 6])
    }

    func testPixelShuffleFollowsPyTorchLayoutAndInverts() {
        let r = 2, c = 2, h = 2, w = 3
        let x = Tensor(shape: [1, c * r * r, h, w], scalars: (0..<(c * r * r * h * w)).map(Float.init))
        let y = pixelShuffle(x, factor: r)
        XCTAssertEqual(y.shape, [1, c, h * r, w * r])
        for ch in 0..<c { for yy in 0..<(h * r) { for xx in 0..<(w * r) {
            let source = ((ch * r * r + (yy % r) * r + xx % r) * h + yy / r) * w + xx / r
            XCTAssertEqual(y.scalars[(ch * h * r + yy) * w * r + xx], Float(source))
        } } }
        XCTAssertEqual(pixelUnshuffle(y, factor: r).scalars, x.scalars)
    }

    func testDropoutKeepsExpectationAndFollowsTheSeed() {
        let x = Tensor(repeating: 1, shape: [100_000])
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 3)
        let a = dropout(x, probability: 0.25, generator: &g1).scalars, b = dropout(x, probability: 0.25, generator: &g2).scalars
        XCTAssertEqual(a, b)
        let dropped = a.filter { $0 == 0 }.count
        XCTAssertEqual(Double(dropped) / 100_000, 0.25, accuracy: 0.01)
        XCTAssertTrue(a.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
    }
}
