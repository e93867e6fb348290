import Foundation
import Randomness
import Training
import XCTest

/// The resampler's probabilities rise with difficulty and rarity, keep the floor, and its draws
/// are reproducible from a seed and its saved state.
final class DifficultySamplerTests: XCTestCase {
    private func settings(floor: Double = 0.2, ceiling: Double? = nil, enabled: Bool = true) -> SamplerSettings {
        var s = SamplerSettings()
        s.rarityExponent = 0.5
        s.difficultyExponent = 1
        s.floor = floor
        s.ceiling = ceiling
        s.decay = 0.9
        s.enabled = enabled
        return s
    }

    func testHandComputedProbabilities() {
        // Rarity 1.6 and 0.4 (inverse frequencies 1 and 1/4 over their mean 5/8); difficulties 2 and 1:
        // w = sqrt(1.6) * 2 and sqrt(0.4) * 1, in ratio 4 : 1. p = 0.1 + 0.8 * (0.8, 0.2).
        var sampler = DifficultySampler(units: ["a", "b"], frequencies: [1, 4], settings: settings())
        sampler.observe(0, loss: 2)
        sampler.observe(1, loss: 1)
        let p = sampler.probabilities
        XCTAssertEqual(p[0], 0.74, accuracy: 1e-12)
        XCTAssertEqual(p[1], 0.26, accuracy: 1e-12)
    }

    func testRunningDifficultyIsAnExponentialAverage() throws {
        var sampler = DifficultySampler(units: ["a"], frequencies: [1], settings: settings())
        XCTAssertNil(sampler.difficulties[0])
        sampler.observe(0, loss: 1)
        sampler.observe(0, loss: 2)
        sampler.observe(0, loss: .nan)  // ignored
        XCTAssertEqual(try XCTUnwrap(sampler.difficulties[0]), 0.9 * 1 + 0.1 * 2, accuracy: 1e-12)
        XCTAssertEqual(sampler.observations, [2])
    }

    func testProbabilityRisesWithDifficulty() {
        var sampler = DifficultySampler(units: ["a", "b", "c"], frequencies: [1, 1, 1], settings: settings())
        XCTAssertEqual(sampler.probabilities, [1.0 / 3, 1.0 / 3, 1.0 / 3].map { $0 }, "unobserved units start uniform")
        sampler.observe(0, loss: 0.5)
        sampler.observe(1, loss: 1.0)
        sampler.observe(2, loss: 3.0)
        let p = sampler.probabilities
        XCTAssertLessThan(p[0], p[1])
        XCTAssertLessThan(p[1], p[2])
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-12)
    }

    func testProbabilityRisesWithRarity() {
        var sampler = DifficultySampler(units: ["common", "medium", "rare"], frequencies: [100, 10, 1], settings: settings())
        for i in 0..<3 { sampler.observe(i, loss: 1) }
        let p = sampler.probabilities
        XCTAssertLessThan(p[0], p[1])
        XCTAssertLessThan(p[1], p[2])
    }

    func testUnobservedUnitTakesTheMeanDifficulty() {
        var sampler = DifficultySampler(units: ["a", "b", "new"], frequencies: [1, 1, 1], settings: settings())
        sampler.observe(0, loss: 1)
        sampler.observe(1, loss: 3)
        let p = sampler.probabilities
        // Mean difficulty 2: the new unit sits exactly between the two.
        XCTAssertEqual(p[2], (p[0] + p[1]) / 2, accuracy: 1e-12)
    }

    func testFloorKeepsEveryUnitDrawable() {
        var sampler = DifficultySampler(units: (0..<10).map { "u\($0)" }, frequencies: Array(repeating: 1, count: 10),
                                        settings: settings(floor: 0.3))
        sampler.observe(0, loss: 1e6)
        for i in 1..<10 { sampler.observe(i, loss: 1e-4) }
        let p = sampler.probabilities
        for pi in p { XCTAssertGreaterThanOrEqual(pi, 0.3 / 10 - 1e-15) }
        XCTAssertGreaterThan(p[0], 0.7)
    }

    func testCeilingSpreadsTheExcessUntilNoUnitIsAbove() {
        // Floor 0, equal frequencies: p follows the difficulties, (0.6, 0.3, 0.05, 0.05). The
        // ceiling 1.4 / 4 = 0.35 caps the first; its excess 0.25 lifts the others to (0.4875,
        // 0.08125, 0.08125), which caps the second; its excess 0.1375 lifts the last two to 0.15.
        var sampler = DifficultySampler(units: ["a", "b", "c", "d"], frequencies: [1, 1, 1, 1],
                                        settings: settings(floor: 0, ceiling: 1.4))
        for (i, loss) in [6, 3, 0.5, 0.5].enumerated() { sampler.observe(i, loss: loss) }
        let expected = [0.35, 0.35, 0.15, 0.15]
        for (p, e) in zip(sampler.probabilities, expected) { XCTAssertEqual(p, e, accuracy: 1e-12) }
    }

    func testCeilingStopsARareCombinationFromTakingOverTheDraws() {
        // One case seen in 3 images among twelve seen in 120-335 (the real juice_bottle set):
        // rarity alone (no ceiling, the default) gives it over a quarter of the draws; a ceiling
        // of 3 holds it to 3 / 13.
        let frequencies: [Double] = [335] + Array(repeating: 123, count: 11) + [3]
        XCTAssertNil(SamplerSettings().ceiling)
        var free = settings()
        let held = settings(ceiling: 3)
        var unlimited = DifficultySampler(units: (0..<13).map { "u\($0)" }, frequencies: frequencies, settings: free)
        var limited = DifficultySampler(units: (0..<13).map { "u\($0)" }, frequencies: frequencies, settings: held)
        for i in 0..<13 { unlimited.observe(i, loss: 0.4); limited.observe(i, loss: 0.4) }
        XCTAssertGreaterThan(unlimited.probabilities[12], 0.25)
        XCTAssertEqual(limited.probabilities[12], 3.0 / 13, accuracy: 1e-12)
        XCTAssertEqual(limited.probabilities.reduce(0, +), 1, accuracy: 1e-12)
        free.ceiling = 1
        for p in DifficultySampler(units: ["a", "b"], frequencies: [1, 9], settings: free).probabilities {
            XCTAssertEqual(p, 0.5, accuracy: 1e-12, "ceiling 1 makes the draws even")
        }
    }

    func testSwitchedOffFollowsTheDataFrequencies() {
        var sampler = DifficultySampler(units: ["a", "b"], frequencies: [3, 1], settings: settings(enabled: false))
        sampler.observe(1, loss: 100)
        XCTAssertEqual(sampler.probabilities, [0.75, 0.25])
    }

    func testDrawsAreDeterministicAndFollowTheProbabilities() throws {
        var sampler = DifficultySampler(units: ["a", "b", "c"], frequencies: [1, 2, 4], settings: settings())
        sampler.observe(0, loss: 2)
        sampler.observe(1, loss: 1)
        sampler.observe(2, loss: 0.5)
        var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7)
        let first = (0..<20_000).map { _ in sampler.draw(using: &g1) }
        let second = (0..<20_000).map { _ in sampler.draw(using: &g2) }
        XCTAssertEqual(first, second)
        let p = sampler.probabilities
        for i in 0..<3 {
            let share = Double(first.filter { $0 == i }.count) / Double(first.count)
            XCTAssertEqual(share, p[i], accuracy: 0.015, "unit \(i)")
        }
        // The saved state draws the same sequence.
        let restored = try JSONDecoder().decode(DifficultySampler.self, from: try JSONEncoder().encode(sampler))
        XCTAssertEqual(restored, sampler)
        var g3 = SeededGenerator(seed: 7)
        XCTAssertEqual((0..<100).map { _ in restored.draw(using: &g3) }, Array(first.prefix(100)))
    }

    func testSettingsValidation() {
        var s = SamplerSettings()
        XCTAssertNoThrow(try s.validate())
        s.floor = 1.5
        XCTAssertThrowsError(try s.validate()) { error in
            XCTAssertTrue("\(error)".contains("sampler.floor"), "\(error)")
        }
        s = SamplerSettings()
        s.decay = 1
        XCTAssertThrowsError(try s.validate())
        s = SamplerSettings()
        s.ceiling = 0.5
        XCTAssertThrowsError(try s.validate()) { error in
            XCTAssertTrue("\(error)".contains("sampler.ceiling"), "\(error)")
        }
    }
}
