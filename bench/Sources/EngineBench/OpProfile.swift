import Randomness
import Tensor

/// Forward + backward CPU time of each op at the benchmark model's shapes, to show where a training
/// step goes (`engine-bench train <file> --profile`).
func profileOps(_ config: BenchConfig) -> [(String, Double)] {
    var g = SeededGenerator(seed: 5)
    let b = config.batch, t = config.sequence, c = config.width
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
    let x = leaf([b, t, c]), q = leaf([b, t, c]), k = leaf([b, t, c]), v = leaf([b, t, c])
    let w = leaf([c]), bias = leaf([c]), hidden = leaf([b, t, 4 * c]), wl = leaf([4 * c, c])
    let logits = leaf([b * t, config.vocabulary]), table = leaf([config.vocabulary, c])
    let images = leaf([b, config.channels, config.imageSize, config.imageSize]), patch = leaf([config.visionWidth, config.channels, config.patch, config.patch])
    let targets = (0..<(b * t)).map { $0 % 3 == 0 ? -100 : $0 % config.vocabulary }
    let tokens = (0..<(b * config.textTokens)).map { $0 % config.vocabulary }
    return [
        time("attention prefix [\(b),\(t),\(c)]") { attention(query: q, key: k, value: v, heads: config.heads, mask: .prefix(config.prefix)) },
        time("linear [\(b * t),\(c)]->\(4 * c)") { linear(x, weight: wl) },
        time("layerNorm") { layerNorm(x, weight: w, bias: bias) },
        time("gelu [\(b),\(t),\(4 * c)]") { hidden.gelu() },
        time("add residual") { x + q },
        time("add position [T,C]") { x + Tensor(zeros: [t, c]) },
        time("crossEntropy") { crossEntropy(logits: logits, targets: targets) },
        time("embedding") { embedding(table, indices: tokens, shape: [b, config.textTokens]) },
        time("concat") { concat([x, q], axis: 1) },
        time("permute [0,2,1]") { x.permuted([0, 2, 1]) },
        time("conv2d patch") { conv2d(images, weight: patch, stride: config.patch) },
    ]
}
