import Model
import Randomness
import Tensor

/// Forward + backward CPU time of each op at the default VLM's training shapes, to show where a
/// training step goes (`engine-bench train <dir> --profile`).
func profileOps() -> [(String, Double)] {
    var g = SeededGenerator(seed: 5)
    let config = BenchSetup.config
    let b = BenchSetup.batch, t = config.prefixLength + BenchSetup.answerTokens + 1, c = config.decoderWidth
    let patches = config.patchCount, cv = config.visionWidth, v = config.vocabularySize
    let answerRows = b * (t - config.imageTokens)
    func leaf(_ shape: [Int]) -> Tensor { Tensor.randn(shape, generator: &g, requiresGrad: true) }
    func time(_ name: String, _ f: () -> Tensor) -> (String, Double) {
        func step() {
            let y = f()
            y.backward(gradient: Tensor(repeating: 1e-3, shape: y.shape))
        }
        step()
        let seconds = (0..<3).map { _ in cpuSeconds(step) }.min()!
        return (name, seconds * 1000)
    }
    let x = leaf([b, t, c]), q = leaf([b, t, c]), k = leaf([b, t, c]), value = leaf([b, t, c])
    let vx = leaf([b, patches, cv]), vq = leaf([b, patches, cv]), vk = leaf([b, patches, cv]), vv = leaf([b, patches, cv])
    let w = leaf([c]), bias = leaf([c]), hidden = leaf([b, t, config.mlpRatio * c]), wl = leaf([config.mlpRatio * c, c])
    let logits = leaf([answerRows, v]), table = leaf([v, c])
    // The stem's layers (3 x 3, stride 2) and the patch embedding after them, at their input sizes.
    var stemInputs: [Tensor] = [], stemWeights: [Tensor] = [], channels = 3, height0 = config.inputHeight, width0 = config.inputWidth
    for outputs in config.stemChannels ?? [] {
        // The pixels need no gradient; the later layers' inputs do.
        stemInputs.append(stemInputs.isEmpty ? Tensor.randn([b, channels, height0, width0], generator: &g) : leaf([b, channels, height0, width0]))
        stemWeights.append(leaf([outputs, channels, 3, 3]))
        channels = outputs; height0 /= 2; width0 /= 2
    }
    let patchKernel = config.patchSize / config.stemStride
    let images = leaf([b, channels, height0, width0]), patch = leaf([cv, channels, patchKernel, patchKernel])
    let stemTimes = zip(stemInputs, stemWeights).map { input, weight in
        time("conv2d stem \(input.shape) -> \(weight.shape[0]) + gelu") { conv2d(input, weight: weight, stride: 2, padding: 1).gelu() }
    }
    let targets = (0..<answerRows).map { $0 % 5 == 0 ? -100 : $0 % v }
    let tokens = (0..<(b * (t - config.imageTokens))).map { $0 % v }
    let rows = config.gridRows, columns = config.gridColumns, r = config.shuffle
    return [
        time("decoder attention prefix [\(b),\(t),\(c)]") { attention(query: q, key: k, value: value, heads: config.decoderHeads, mask: .prefix(config.prefixLength)) },
        time("encoder attention full [\(b),\(patches),\(cv)]") { attention(query: vq, key: vk, value: vv, heads: config.visionHeads, mask: .full) },
        time("linear [\(b * t),\(c)]->\(config.mlpRatio * c)") { linear(x, weight: wl) },
        time("layerNorm [\(b),\(t),\(c)]") { layerNorm(x, weight: w, bias: bias) },
        time("gelu [\(b),\(t),\(config.mlpRatio * c)]") { hidden.gelu() },
        time("add residual") { x + q },
        time("crossEntropy [\(answerRows),\(v)]") { crossEntropy(logits: logits, targets: targets) },
        time("embedding") { embedding(table, indices: tokens, shape: [b, t - config.imageTokens]) },
        time("concat") { concat([x, q], axis: 1) },
        time("pixel shuffle (permute)") { vx.reshaped([b, rows / r, r, columns / r, r, cv]).permuted([0, 1, 3, 2, 4, 5]).reshaped([b, -1, r * r * cv]) },
        time("conv2d patch \(images.shape)") { conv2d(images, weight: patch, stride: patchKernel) },
    ] + stemTimes
}
