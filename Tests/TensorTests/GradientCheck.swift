import Randomness
import Tensor
import XCTest

/// Compares autograd gradients with central finite differences.
///
/// The checked scalar is `sum(f(inputs) * r)` for a fixed random `r`, so every output element
/// contributes with a distinct weight. Differences are taken in float32 with step `h`; the
/// tolerance is `absolute + relative * |numeric|` per element.
func checkGradients(
    _ inputs: [Tensor], step h: Float = 1e-2, absolute: Float = 2e-3, relative: Float = 2e-2,
    file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) -> Tensor
) {
    var generator = SeededGenerator(seed: 99)
    let probe = withoutGradients { f(inputs) }
    let weights = Tensor.randn(probe.shape, generator: &generator)
    func objective() -> Tensor { (f(inputs) * weights).sum() }

    for x in inputs { x.zeroGradient() }
    objective().backward()
    for (index, x) in inputs.enumerated() where x.requiresGrad {
        guard let analytic = x.gradient else {
            XCTFail("input \(index) of shape \(x.shape) received no gradient", file: file, line: line)
            continue
        }
        for i in 0..<x.count {
            let saved = x.data[i]
            x.data[i] = saved + h
            let plus = withoutGradients { objective().item }
            x.data[i] = saved - h
            let minus = withoutGradients { objective().item }
            x.data[i] = saved
            let numeric = (plus - minus) / (2 * h)
            let error = abs(numeric - analytic[i])
            if error > absolute + relative * abs(numeric) {
                XCTFail("input \(index) element \(i): analytic \(analytic[i]) vs numeric \(numeric)", file: file, line: line)
                return
            }
        }
    }
}

/// A leaf tensor of normal samples that requires gradients.
func parameter(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.randn(shape, standardDeviation: scale, generator: &generator, requiresGrad: true)
}
