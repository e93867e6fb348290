import Randomness
import Tensor

/// A one-block decoder (embedding, pre-norm prefix-LM attention, GELU MLP, LM head) used by the
/// training tests: small enough to train in a fraction of a second.
final class TinyModel {
    let vocabulary: Int, channels: Int, heads: Int, prefix: Int
    let embed, ln1W, ln1B, wq, wk, wv, wo, ln2W, ln2B, w1, b1, w2, b2, head: Tensor

    init(vocabulary: Int = 16, channels: Int = 32, heads: Int = 4, prefix: Int = 2, seed: UInt64) {
        self.vocabulary = vocabulary
        self.channels = channels
        self.heads = heads
        self.prefix = prefix
        var g = SeededGenerator(seed: seed)
        func weight(_ shape: [Int]) -> Tensor { Tensor.randn(shape, standardDeviation: 0.1, generator: &g, requiresGrad: true) }
        embed = weight([vocabulary, channels])
        wq = weight([channels, channels]); wk = weight([channels, channels]); wv = weight([channels, channels]); wo = weight([channels, channels])
        w1 = weight([4 * channels, channels]); w2 = weight([channels, 4 * channels]); head = weight([vocabulary, channels])
        ln1W = Tensor(repeating: 1, shape: [channels], requiresGrad: true); ln1B = Tensor(zeros: [channels], requiresGrad: true)
        ln2W = Tensor(repeating: 1, shape: [channels], requiresGrad: true); ln2B = Tensor(zeros: [channels], requiresGrad: true)
        b1 = Tensor(zeros: [4 * channels], requiresGrad: true); b2 = Tensor(zeros: [channels], requiresGrad: true)
    }

    var decayed: [Tensor] { [wq, wk, wv, wo, w1, w2, head] }
    var notDecayed: [Tensor] { [embed, ln1W, ln1B, ln2W, ln2B, b1, b2] }

    func loss(tokens: [Int], targets: [Int], batch: Int, dropout: Float = 0, generator: inout SeededGenerator) -> Tensor {
        let t = tokens.count / batch
        let x = embedding(embed, indices: tokens, shape: [batch, t])
        let h = layerNorm(x, weight: ln1W, bias: ln1B)
        let a = attention(query: linear(h, weight: wq), key: linear(h, weight: wk), value: linear(h, weight: wv), heads: heads, mask: .prefix(prefix))
        let r = x + Tensor_dropout(linear(a, weight: wo), dropout, &generator)
        let m = linear(linear(layerNorm(r, weight: ln2W, bias: ln2B), weight: w1, bias: b1).gelu(), weight: w2, bias: b2)
        let y = r + m
        return crossEntropy(logits: linear(y, weight: head).reshaped([-1, vocabulary]), targets: targets)
    }
}

/// The engine's `dropout` (the parameter named `dropout` shadows it inside `loss`).
private func Tensor_dropout(_ x: Tensor, _ p: Float, _ g: inout SeededGenerator) -> Tensor {
    p == 0 ? x : dropout(x, probability: p, generator: &g)
}

/// Trains `model` on one fixed batch for `steps` AdamW steps; returns every step's loss.
func train(_ model: TinyModel, steps: Int, dropout: Float = 0, seed: UInt64 = 1) -> [Float] {
    let batch = 4, length = 8
    var data = SeededGenerator(seed: seed)
    let sequences = (0..<(batch * (length + 1))).map { _ in Int(data.next() % UInt64(model.vocabulary)) }
    var tokens: [Int] = [], targets: [Int] = []
    for b in 0..<batch {
        let s = Array(sequences[(b * (length + 1))..<((b + 1) * (length + 1))])
        tokens += s.dropLast()
        targets += [-100] + s.dropFirst().dropFirst()  // the prefix position predicts nothing
    }
    let optimizer = AdamW(decayed: model.decayed, notDecayed: model.notDecayed, weightDecay: 0.01, learningRate: 1e-2)
    let schedule = WarmupCosineSchedule(peak: 1e-2, minimum: 1e-3, warmupSteps: min(5, steps / 2), totalSteps: steps)
    var generator = SeededGenerator(seed: seed &+ 1)
    var losses: [Float] = []
    for step in 0..<steps {
        let loss = model.loss(tokens: tokens, targets: targets, batch: batch, dropout: dropout, generator: &generator)
        optimizer.zeroGradients()
        loss.backward()
        clipGradientNorm(optimizer.parameters, maxNorm: 1)
        optimizer.learningRate = schedule(step)
        optimizer.step()
        losses.append(loss.item)
    }
    return losses
}
