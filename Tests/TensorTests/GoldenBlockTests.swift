import Foundation
import Tensor
import XCTest

/// A pre-norm transformer block (prefix-LM attention + GELU MLP + LM head + weighted
/// cross-entropy with an ignored target), forward and backward, against values PyTorch computed
/// in float64 (`bench/reference/golden_block.py`, fixture `Fixtures/golden_block.safetensors`).
final class GoldenBlockTests: XCTestCase {
    func testBlockMatchesPyTorch() throws {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/golden_block.safetensors")
        let fixture = try SafeTensors.load(from: url)
        func tensor(_ name: String) throws -> Tensor { try XCTUnwrap(fixture[name], "fixture lacks \(name)") }

        var parameters: [String: Tensor] = [:]
        for (name, value) in fixture where name.hasPrefix("param.") {
            let p = value.detached()
            p.requiresGrad = true
            parameters[String(name.dropFirst("param.".count))] = p
        }
        func p(_ name: String) -> Tensor { parameters[name]! }
        let x = try tensor("input.x").detached()
        x.requiresGrad = true
        let targets = try tensor("input.targets").scalars.map { Int($0) }
        let weights = try tensor("input.weights").scalars
        let (b, t, c) = (x.shape[0], x.shape[1], x.shape[2])

        let h1 = layerNorm(x, weight: p("ln1.weight"), bias: p("ln1.bias"))
        let q = linear(h1, weight: p("q.weight"), bias: p("q.bias"))
        let k = linear(h1, weight: p("k.weight"), bias: p("k.bias"))
        let v = linear(h1, weight: p("v.weight"), bias: p("v.bias"))
        let a = attention(query: q, key: k, value: v, heads: 2, mask: .prefix(3))
        let r = x + linear(a, weight: p("o.weight"), bias: p("o.bias"))
        let h2 = linear(layerNorm(r, weight: p("ln2.weight"), bias: p("ln2.bias")), weight: p("fc1.weight"), bias: p("fc1.bias")).gelu()
        let y = r + linear(h2, weight: p("fc2.weight"), bias: p("fc2.bias"))
        let logits = linear(y, weight: p("head.weight")).reshaped([b * t, -1])
        let loss = crossEntropy(logits: logits, targets: targets, ignoreIndex: -100, weights: weights)
        XCTAssertEqual(y.shape, [b, t, c])

        assertClose(y.scalars, try tensor("output.y").scalars, "output y")
        XCTAssertEqual(loss.item, try tensor("output.loss").item, accuracy: 1e-5)
        loss.backward()
        assertClose(x.gradient!, try tensor("grad.x").scalars, "grad x")
        for (name, parameter) in parameters.sorted(by: { $0.key < $1.key }) {
            let expected = try tensor("grad.\(name)")
            XCTAssertEqual(parameter.shape, expected.shape)
            assertClose(try XCTUnwrap(parameter.gradient, "no gradient for \(name)"), expected.scalars, "grad \(name)")
        }
    }

    func assertClose(_ got: [Float], _ expected: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, expected.count, what, file: file, line: line)
        let scale = expected.map(abs).max() ?? 1
        for i in 0..<min(got.count, expected.count) where abs(got[i] - expected[i]) > 1e-4 * max(scale, 1e-2) + 1e-6 {
            XCTFail("\(what) element \(i): \(got[i]) vs PyTorch \(expected[i])", file: file, line: line)
            return
        }
    }
}
