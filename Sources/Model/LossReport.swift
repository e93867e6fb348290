import Foundation
import Tensor

/// The loss of a batch: the scalar to train on and the per-token and per-sample answer losses a
/// sampler needs to track which samples and steps are hard.
public struct LossReport {
    /// The answer loss, plus the weighted part-map loss when one is trained; call `backward()`
    /// on it.
    public let loss: Tensor
    /// Mean cross-entropy over the answer tokens, weighted by the batch's loss weights.
    public let answerLoss: Float
    /// The part-map head's loss (unweighted), when it is part of `loss`.
    public let partLoss: Float?
    /// `B x T`, aligned with `VLMBatch.tokens`: the cross-entropy (unweighted, in nats) of
    /// predicting each token, 0 where its loss weight is 0.
    public let tokenLosses: [Float]
    /// Per sample: its weighted mean token loss (0 for a sample without answer tokens).
    public let sampleLosses: [Float]

    /// Reads the losses of the text logits `[B, T, V]`: row `t` predicts text token `t + 1`;
    /// `part` (a part-map loss and its weight) is added to the answer loss.
    init(logits: Tensor, batch: VLMBatch, part: (loss: Tensor, weight: Float)? = nil) {
        let b = batch.size, t = batch.textLength, v = logits.shape[2]
        let ignored = -100
        var targets = [Int](repeating: ignored, count: b * t)
        var weights = [Float](repeating: 0, count: b * t)
        for bi in 0..<b {
            for ti in 1..<t where batch.lossWeights[bi * t + ti] > 0 {
                let row = bi * t + ti - 1
                targets[row] = batch.tokens[bi * t + ti]
                weights[row] = batch.lossWeights[bi * t + ti]
            }
        }
        let answer = crossEntropy(logits: logits, targets: targets, ignoreIndex: ignored, weights: weights)
        answerLoss = answer.item
        partLoss = part?.loss.item
        loss = part.map { answer + $0.loss * $0.weight } ?? answer

        var tokenLosses = [Float](repeating: 0, count: b * t)
        var sampleLosses = [Float](repeating: 0, count: b)
        let x = logits.data
        for bi in 0..<b {
            var weighted: Double = 0, total: Double = 0
            for ti in 1..<t where batch.lossWeights[bi * t + ti] > 0 {
                let row = x.baseAddress! + (bi * t + ti - 1) * v
                let value = negativeLogLikelihood(row, count: v, target: batch.tokens[bi * t + ti])
                tokenLosses[bi * t + ti] = value
                weighted += Double(batch.lossWeights[bi * t + ti]) * Double(value)
                total += Double(batch.lossWeights[bi * t + ti])
            }
            sampleLosses[bi] = total > 0 ? Float(weighted / total) : 0
        }
        self.tokenLosses = tokenLosses
        self.sampleLosses = sampleLosses
    }
}

/// `-log softmax(row)[target]`, stable (max subtracted, sum in double).
func negativeLogLikelihood(_ row: UnsafePointer<Float>, count: Int, target: Int) -> Float {
    var maximum = -Float.infinity
    for j in 0..<count { maximum = max(maximum, row[j]) }
    var sum: Double = 0
    for j in 0..<count { sum += Foundation.exp(Double(row[j] - maximum)) }
    return Float(Foundation.log(sum)) + maximum - row[target]
}
