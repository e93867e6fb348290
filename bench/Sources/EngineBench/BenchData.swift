import Randomness
import Tensor

/// Random training batches (images, text tokens, next-token targets), shared with the PyTorch
/// side through a safetensors file so both train on identical data.
struct BenchBatch {
    let images: Tensor
    let tokens: [Int]
    let targets: [Int]

    init(_ config: BenchConfig, generator: inout SeededGenerator) {
        images = Tensor.uniform([config.batch, config.channels, config.imageSize, config.imageSize], low: -1, high: 1, generator: &generator)
        tokens = (0..<(config.batch * config.textTokens)).map { _ in Int(generator.next() % UInt64(config.vocabulary)) }
        targets = BenchBatch.targets(tokens, config)
    }

    init(images: Tensor, tokens: [Int], config: BenchConfig) {
        self.images = images
        self.tokens = tokens
        targets = BenchBatch.targets(tokens, config)
    }

    /// Position `t` of the joint sequence predicts text token `t + 1 - imageTokens`, for the
    /// positions from the end of the prefix on; everything else is ignored.
    static func targets(_ tokens: [Int], _ config: BenchConfig) -> [Int] {
        var targets = [Int](repeating: -100, count: config.batch * config.sequence)
        for b in 0..<config.batch {
            for t in (config.prefix - 1)..<(config.sequence - 1) {
                targets[b * config.sequence + t] = tokens[b * config.textTokens + t + 1 - config.imageTokens]
            }
        }
        return targets
    }
}
