import Randomness
import Tensor
import XCTest

/// Every differentiable op's gradient against central finite differences.
final class OpGradientTests: XCTestCase {
    func testMatmulSharedRightOperand() {
        let a = parameter([2, 3, 4], seed: 1), b = parameter([4, 5], seed: 2)
        checkGradients([a, b]) { matmul($0[0], $0[1]) }
    }

    func testBatchedMatmul() {
        let a = parameter([2, 3, 4], seed: 1), b = parameter([2, 4, 2], seed: 2)
        checkGradients([a, b]) { matmul($0[0], $0[1]) }
    }

    func testLinearWithBias() {
        let x = parameter([2, 3, 4], seed: 1), w = parameter([5, 4], seed: 2), b = parameter([5], seed: 3)
        checkGradients([x, w, b]) { linear($0[0], weight: $0[1], bias: $0[2]) }
    }

    func testBroadcastAddSubtractMultiply() {
        let a = parameter([2, 3, 4], seed: 1), row = parameter([4], seed: 2), column = parameter([3, 1], seed: 3)
        checkGradients([a, row]) { $0[0] + $0[1] }
        checkGradients([a, row]) { $0[1] - $0[0] }
        checkGradients([a, row]) { $0[0] * $0[1] }
        checkGradients([a, column]) { $0[0] * $0[1] - $0[1] }
        checkGradients([column, row]) { $0[0] + $0[1] }
    }

    func testScaleAndBias() {
        let x = parameter([3, 4], seed: 1), b = parameter([4], seed: 2)
        checkGradients([x]) { $0[0] * 0.37 }
        checkGradients([x, b]) { addBias($0[0], $0[1]) }
    }

    func testActivations() {
        let x = parameter([4, 6], seed: 1, scale: 2)
        checkGradients([x]) { $0[0].gelu() }
        checkGradients([x]) { $0[0].silu() }
        checkGradients([x]) { $0[0].softmax() }
    }

    func testNorms() {
        let x = parameter([3, 8], seed: 1), w = parameter([8], seed: 2), b = parameter([8], seed: 3)
        checkGradients([x, w, b]) { layerNorm($0[0], weight: $0[1], bias: $0[2]) }
        checkGradients([x, w]) { rmsNorm($0[0], weight: $0[1]) }
    }

    func testAttentionEveryMask() {
        for mask in [AttentionMask.full, .causal, .prefix(3)] {
            let q = parameter([2, 5, 8], seed: 1), k = parameter([2, 5, 8], seed: 2), v = parameter([2, 5, 8], seed: 3)
            checkGradients([q, k, v]) { attention(query: $0[0], key: $0[1], value: $0[2], heads: 2, mask: mask) }
        }
    }

    func testAttentionGradientsOnTiledShapes() {
        let q = parameter([1, 19, 32], seed: 4), k = parameter([1, 19, 32], seed: 5), v = parameter([1, 19, 32], seed: 6)
        checkGradients([q, k, v]) { attention(query: $0[0], key: $0[1], value: $0[2], heads: 1, mask: .prefix(6)) }
    }

    func testEmbeddingWithRepeatedIndices() {
        let table = parameter([5, 3], seed: 1)
        checkGradients([table]) { embedding($0[0], indices: [4, 0, 4, 2, 1, 4], shape: [2, 3]) }
    }

    func testCrossEntropyWithIgnoreIndexAndWeights() {
        let logits = parameter([5, 7], seed: 1)
        checkGradients([logits]) { crossEntropy(logits: $0[0], targets: [3, -100, 0, 6, 2], weights: [1, 5, 0.5, 2, 1]) }
    }

    func testSumMeanReshape() {
        let x = parameter([2, 3, 4], seed: 1)
        checkGradients([x]) { $0[0].reshaped([6, -1]).sum() }
        checkGradients([x]) { $0[0].mean() }
    }

    func testConvolutionWithStrideAndPadding() {
        let x = parameter([2, 3, 5, 6], seed: 1), w = parameter([4, 3, 3, 2], seed: 2), b = parameter([4], seed: 3)
        checkGradients([x, w, b]) { conv2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1) }
        checkGradients([x, w]) { conv2d($0[0], weight: $0[1], stride: 1, padding: 0) }
    }

    func testPooling() {
        let x = parameter([2, 2, 5, 4], seed: 1)
        checkGradients([x]) { avgPool2d($0[0], kernel: 2) }
        checkGradients([x]) { avgPool2d($0[0], kernel: 3, stride: 1) }
        // Max pooling is not differentiable at ties: use values at least 5 steps apart.
        var generator = SeededGenerator(seed: 4)
        let distinct = Tensor(shape: [2, 2, 5, 4], scalars: (0..<80).map { Float($0) * 0.05 }.shuffled(using: &generator), requiresGrad: true)
        checkGradients([distinct]) { maxPool2d($0[0], kernel: 2, stride: 1) }
    }

    func testShapeOps() {
        let x = parameter([2, 3, 4], seed: 1), y = parameter([2, 1, 4], seed: 2), z = parameter([2, 8, 2, 3], seed: 3)
        checkGradients([x]) { $0[0].permuted([2, 0, 1]) }
        checkGradients([x, y]) { concat([$0[0], $0[1], $0[0]], axis: 1) }
        checkGradients([x]) { $0[0].sliced(axis: 2, range: 1..<3) }
        checkGradients([z]) { pixelShuffle($0[0], factor: 2) }
        let image = parameter([2, 2, 4, 6], seed: 4)
        checkGradients([image]) { pixelUnshuffle($0[0], factor: 2) }
    }

    func testDropoutWithAFixedMask() {
        let x = parameter([4, 5], seed: 1)
        checkGradients([x]) {
            var generator = SeededGenerator(seed: 5)
            return dropout($0[0], probability: 0.3, generator: &generator)
        }
    }
}
