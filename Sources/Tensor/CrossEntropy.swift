import Foundation

/// Cross-entropy fused with log-softmax: one pass computes each row's probabilities and loss,
/// and the backward pass is `(p - onehot) * weight / totalWeight`.

/// Mean cross-entropy of `logits [..., V]` (N rows) against `targets` (N class indices).
///
/// Rows whose target is `ignoreIndex` count for nothing. `weights` (N values, optional) scale
/// each row's loss; the result is `sum(w_i * loss_i) / sum(w_i)` over the rows not ignored (0 when
/// no row counts).
public func crossEntropy(logits: Tensor, targets: [Int], ignoreIndex: Int = -100, weights: [Float]? = nil) -> Tensor {
    require(logits.rank >= 1, "crossEntropy: logits need a class axis, got shape \(describe(logits.shape))")
    let v = logits.shape[logits.rank - 1], n = logits.count / max(v, 1)
    require(targets.count == n, "crossEntropy: logits \(describe(logits.shape)) have \(n) rows but \(targets.count) targets were given")
    if let weights { require(weights.count == n, "crossEntropy: \(weights.count) weights for \(n) rows of logits \(describe(logits.shape))") }
    for t in targets where t != ignoreIndex {
        require(t >= 0 && t < v, "crossEntropy: target \(t) is outside the \(v) classes of logits \(describe(logits.shape))")
    }
    let probabilities = Storage(count: n * v)
    let rowLoss = Storage(count: n)
    let x = logits.pointer, p = probabilities.pointer, losses = rowLoss.pointer
    targets.withUnsafeBufferPointer { tgt in
        parallelFor(n, cost: 8 * v) { r0, r1 in
            for r in r0..<r1 {
                let xr = x + r * v, pr = p + r * v
                let m = vectorMax(xr, v)
                shiftedExponentials(xr, minus: m, into: pr, v)
                let total = vectorSum(pr, v)
                let inv = 1 / total
                for j in 0..<v { pr[j] *= inv }
                losses[r] = tgt[r] == ignoreIndex ? 0 : m + Foundation.log(total) - xr[tgt[r]]
            }
        }
    }
    var weightSum: Double = 0, lossSum: Double = 0
    for r in 0..<n where targets[r] != ignoreIndex {
        let w = Double(weights?[r] ?? 1)
        weightSum += w
        lossSum += w * Double(losses[r])
    }
    let out = Tensor(weightSum > 0 ? Float(lossSum / weightSum) : 0)
    out.recordBackward([logits]) { out in
        guard weightSum > 0 else { return }
        let g = out.gradPointer()[0] / Float(weightSum)
        let gx = logits.gradPointer()
        targets.withUnsafeBufferPointer { tgt in
            parallelFor(n, cost: 2 * v) { r0, r1 in
                for r in r0..<r1 where tgt[r] != ignoreIndex {
                    let k = g * (weights?[r] ?? 1)
                    let pr = p + r * v, gr = gx + r * v
                    for j in 0..<v { gr[j] += k * pr[j] }
                    gr[tgt[r]] -= k
                }
            }
        }
        _ = probabilities
    }
    return out
}
