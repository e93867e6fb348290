import Randomness
import Tensor

/// Inverted dropout: while training, zeroes each value with probability `rate` and scales the
/// rest by `1 / (1 - rate)`, as a product with a mask drawn from the caller's generator.
struct Dropout {
    let rate: Float

    func callAsFunction(_ x: Tensor, generator: inout SeededGenerator?) -> Tensor {
        guard rate > 0, generator != nil else { return x }
        let keep = 1 / (1 - rate)
        var mask = [Float](repeating: 0, count: x.count)
        for i in mask.indices where generator!.nextFloat() >= rate { mask[i] = keep }
        return x * Tensor(shape: x.shape, scalars: mask)
    }
}
