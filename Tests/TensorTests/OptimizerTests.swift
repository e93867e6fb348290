import Foundation
import Tensor
import XCTest

/// AdamW, clipping and the schedule against hand-written double-precision references.
final class OptimizerTests: XCTestCase {
    func testAdamWMatchesReferenceWithAndWithoutDecay() {
        let decayed = Tensor(shape: [3], scalars: [0.5, -1, 2], requiresGrad: true)
        let plain = Tensor(shape: [2], scalars: [1, -3], requiresGrad: true)
        let optimizer = AdamW(decayed: [decayed], notDecayed: [plain], weightDecay: 0.1, learningRate: 0.01)
        var reference: [[Double]] = [[0.5, -1, 2], [1, -3]]
        var m: [[Double]] = [[0, 0, 0], [0, 0]], v = m
        for step in 1...3 {
            optimizer.zeroGradients()
            // loss = sum(p^2 * k) with k = 1, 2, ... gives gradient 2 k p.
            let loss = (decayed * decayed * Tensor(shape: [3], scalars: [1, 2, 3])).sum() + (plain * plain).sum()
            loss.backward()
            optimizer.step()
            for (g, decay) in [(0, 0.1), (1, 0.0)] {
                for i in 0..<reference[g].count {
                    let grad = 2 * Double(g == 0 ? i + 1 : 1) * reference[g][i]
                    m[g][i] = 0.9 * m[g][i] + 0.1 * grad
                    v[g][i] = 0.999 * v[g][i] + 0.001 * grad * grad
                    let mHat = m[g][i] / (1 - pow(0.9, Double(step))), vHat = v[g][i] / (1 - pow(0.999, Double(step)))
                    reference[g][i] = reference[g][i] * (1 - 0.01 * decay) - 0.01 * mHat / (vHat.squareRoot() + 1e-8)
                }
            }
        }
        for (i, value) in decayed.scalars.enumerated() { XCTAssertEqual(Double(value), reference[0][i], accuracy: 1e-6) }
        for (i, value) in plain.scalars.enumerated() { XCTAssertEqual(Double(value), reference[1][i], accuracy: 1e-6) }
        XCTAssertEqual(optimizer.stepCount, 3)
    }

    func testGlobalNormClipping() {
        let a = Tensor(shape: [2], scalars: [1, 1], requiresGrad: true), b = Tensor(shape: [1], scalars: [1], requiresGrad: true)
        (a * Tensor(shape: [2], scalars: [3, 0]) + Tensor(zeros: [2])).sum().backward()
        (b * Tensor(shape: [1], scalars: [4])).sum().backward()
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        XCTAssertEqual(norm, 5, accuracy: 1e-6)
        XCTAssertEqual(a.gradient![0], 0.6, accuracy: 1e-5)
        XCTAssertEqual(b.gradient![0], 0.8, accuracy: 1e-5)
        XCTAssertEqual(clipGradientNorm([a, b], maxNorm: 10), 1, accuracy: 1e-5, "a norm below the limit is left as is")
        XCTAssertEqual(a.gradient![0], 0.6, accuracy: 1e-5)
    }

    func testWarmupCosineSchedule() {
        let schedule = WarmupCosineSchedule(peak: 1, minimum: 0.1, warmupSteps: 4, totalSteps: 14)
        XCTAssertEqual(schedule(0), 0.25, accuracy: 1e-6)
        XCTAssertEqual(schedule(3), 1, accuracy: 1e-6)
        XCTAssertEqual(schedule(4), 1, accuracy: 1e-6)
        XCTAssertEqual(schedule(9), 0.55, accuracy: 1e-6, "half-way through the decay is the midpoint")
        XCTAssertEqual(schedule(14), 0.1, accuracy: 1e-6)
        XCTAssertEqual(schedule(100), 0.1, accuracy: 1e-6)
    }

    func testParameterSetGroupsByDecayFlagAndFeedsCheckpoints() throws {
        var encoder = ParameterSet()
        encoder.register("weight", Tensor(repeating: 1, shape: [2, 2]), decay: true)
        encoder.register("bias", Tensor(zeros: [2]), decay: false)
        var model = ParameterSet()
        model.register("embed", Tensor(repeating: 1, shape: [3, 2]), decay: false)
        model.merge(encoder, prefix: "encoder.")
        XCTAssertEqual(model.names, ["embed", "encoder.weight", "encoder.bias"])
        XCTAssertEqual(model.decayed.map(\.name), ["encoder.weight"])
        XCTAssertEqual(model.notDecayed.map(\.name), ["embed", "encoder.bias"])
        XCTAssertEqual(model.scalarCount, 12)
        XCTAssertTrue(model.all.allSatisfy(\.requiresGrad))
        XCTAssertEqual(model.decays("encoder.bias"), false)
        XCTAssertNil(model["missing"])

        // Zero gradients: only decoupled decay moves the weights, and only the decayed ones.
        let optimizer = AdamW(parameters: model, weightDecay: 0.5, learningRate: 0.1)
        for p in model.all { p.zeroGradient(); (p * 0).sum().backward() }
        optimizer.step()
        XCTAssertEqual(model["encoder.weight"]!.scalars, [0.95, 0.95, 0.95, 0.95])
        XCTAssertEqual(model["embed"]!.scalars, [1, 1, 1, 1, 1, 1])

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parameters-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.save(model.tensors, to: url)
        XCTAssertEqual(Set(try SafeTensors.load(from: url).keys), Set(model.names))
    }
}
