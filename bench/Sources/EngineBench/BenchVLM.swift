import Randomness
import Tensor

/// The benchmark's vision-language model: a ViT encoder over 8x8 patches, a linear projector, and
/// a pre-norm decoder that reads the image tokens and a text prompt as a prefix (prefix-LM mask)
/// and predicts the answer tokens. `bench/reference/train_vlm.py` defines the same model in
/// PyTorch with the same parameter names.
struct BenchConfig {
    var imageSize = 64, patch = 8, channels = 3
    var visionWidth = 192, visionLayers = 3
    var width = 192, layers = 4, heads = 4
    var vocabulary = 512, textTokens = 64, promptTokens = 16
    var batch = 32

    var imageTokens: Int { (imageSize / patch) * (imageSize / patch) }
    var sequence: Int { imageTokens + textTokens }
    var prefix: Int { imageTokens + promptTokens }
}

final class BenchVLM {
    let config: BenchConfig
    /// Parameters by PyTorch state-dict name.
    private(set) var parameters: [String: Tensor] = [:]

    init(_ config: BenchConfig, seed: UInt64) {
        self.config = config
        var g = SeededGenerator(seed: seed)
        func add(_ name: String, _ shape: [Int], std: Float) {
            parameters[name] = Tensor.randn(shape, standardDeviation: std, generator: &g, requiresGrad: true)
        }
        func constant(_ name: String, _ shape: [Int], _ value: Float) {
            parameters[name] = Tensor(repeating: value, shape: shape, requiresGrad: true)
        }
        func block(_ prefix: String, _ c: Int) {
            for norm in ["ln1", "ln2"] { constant("\(prefix).\(norm).weight", [c], 1); constant("\(prefix).\(norm).bias", [c], 0) }
            for name in ["q", "k", "v", "o"] { add("\(prefix).\(name).weight", [c, c], std: 0.02); constant("\(prefix).\(name).bias", [c], 0) }
            add("\(prefix).fc1.weight", [4 * c, c], std: 0.02); constant("\(prefix).fc1.bias", [4 * c], 0)
            add("\(prefix).fc2.weight", [c, 4 * c], std: 0.02); constant("\(prefix).fc2.bias", [c], 0)
        }
        let cv = config.visionWidth, cd = config.width
        add("vit.patch.weight", [cv, config.channels, config.patch, config.patch], std: 0.02)
        constant("vit.patch.bias", [cv], 0)
        add("vit.pos", [config.imageTokens, cv], std: 0.02)
        for i in 0..<config.visionLayers { block("vit.blocks.\(i)", cv) }
        constant("vit.ln.weight", [cv], 1); constant("vit.ln.bias", [cv], 0)
        add("proj.weight", [cd, cv], std: 0.02); constant("proj.bias", [cd], 0)
        add("dec.embed", [config.vocabulary, cd], std: 0.02)
        add("dec.pos", [config.sequence, cd], std: 0.02)
        for i in 0..<config.layers { block("dec.blocks.\(i)", cd) }
        constant("dec.ln.weight", [cd], 1); constant("dec.ln.bias", [cd], 0)
        add("dec.head.weight", [config.vocabulary, cd], std: 0.02)
        for (name, p) in parameters { p.name = name }
    }

    var parameterCount: Int { parameters.values.reduce(0) { $0 + $1.count } }

    /// Matrices decay; norms, biases, embeddings and position tables do not.
    var decayed: [Tensor] { sorted.filter { $0.rank >= 2 && !isEmbedding($0.name!) } }
    var notDecayed: [Tensor] { sorted.filter { $0.rank < 2 || isEmbedding($0.name!) } }
    private var sorted: [Tensor] { parameters.keys.sorted().map { parameters[$0]! } }
    private func isEmbedding(_ name: String) -> Bool { name.hasSuffix(".pos") || name.hasSuffix(".embed") }

    private func p(_ name: String) -> Tensor { parameters[name]! }

    private func block(_ x: Tensor, _ prefix: String, mask: AttentionMask) -> Tensor {
        let h = layerNorm(x, weight: p("\(prefix).ln1.weight"), bias: p("\(prefix).ln1.bias"))
        func proj(_ n: String, _ t: Tensor) -> Tensor { linear(t, weight: p("\(prefix).\(n).weight"), bias: p("\(prefix).\(n).bias")) }
        let a = attention(query: proj("q", h), key: proj("k", h), value: proj("v", h), heads: config.heads, mask: mask)
        let r = x + proj("o", a)
        let m = proj("fc2", proj("fc1", layerNorm(r, weight: p("\(prefix).ln2.weight"), bias: p("\(prefix).ln2.bias"))).gelu())
        return r + m
    }

    /// Mean next-token loss over the answer tokens. `images [B, 3, H, W]`, `tokens` B x T text
    /// tokens, `targets` B x (image + text) next-token targets (-100 where nothing is predicted).
    func loss(images: Tensor, tokens: [Int], targets: [Int]) -> Tensor {
        let b = config.batch
        let patches = conv2d(images, weight: p("vit.patch.weight"), bias: p("vit.patch.bias"), stride: config.patch)
        var v = patches.reshaped([b, config.visionWidth, config.imageTokens]).permuted([0, 2, 1]) + p("vit.pos")
        for i in 0..<config.visionLayers { v = block(v, "vit.blocks.\(i)", mask: .full) }
        v = layerNorm(v, weight: p("vit.ln.weight"), bias: p("vit.ln.bias"))
        let imageTokens = linear(v, weight: p("proj.weight"), bias: p("proj.bias"))
        let text = embedding(p("dec.embed"), indices: tokens, shape: [b, config.textTokens])
        var x = concat([imageTokens, text], axis: 1) + p("dec.pos")
        for i in 0..<config.layers { x = block(x, "dec.blocks.\(i)", mask: .prefix(config.prefix)) }
        x = layerNorm(x, weight: p("dec.ln.weight"), bias: p("dec.ln.bias"))
        let logits = linear(x, weight: p("dec.head.weight"))
        return crossEntropy(logits: logits.reshaped([-1, config.vocabulary]), targets: targets)
    }
}
