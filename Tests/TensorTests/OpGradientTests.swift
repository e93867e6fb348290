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
}
