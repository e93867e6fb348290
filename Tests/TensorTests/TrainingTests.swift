import Tensor
import XCTest

/// End-to-end training behaviour: one batch can be memorised, runs are reproducible, and the
/// steady state asks the system for no memory.
final class TrainingTests: XCTestCase {
    func testOverfittingOneBatchDrivesTheLossNearZero() {
        let losses = train(TinyModel(seed: 3), steps: 200)
        XCTAssertGreaterThan(losses[0], 2, "starts near log(16)")
        XCTAssertLessThan(losses.last!, 0.05, "losses: \(losses.suffix(5))")
    }

    func testFixedSeedAndThreadCountGiveBitIdenticalLosses() {
        Engine.setThreadCount(2)
        let first = train(TinyModel(seed: 5), steps: 25, dropout: 0.1, seed: 9)
        let second = train(TinyModel(seed: 5), steps: 25, dropout: 0.1, seed: 9)
        XCTAssertEqual(first.map(\.bitPattern), second.map(\.bitPattern))
        let otherSeed = train(TinyModel(seed: 6), steps: 25, dropout: 0.1, seed: 9)
        XCTAssertNotEqual(first, otherSeed, "a different seed must change the run")
    }

    func testSteadyStateTrainingAllocatesNoNewBuffers() {
        let model = TinyModel(seed: 4)
        _ = train(model, steps: 2)
        let before = BufferPool.shared.systemAllocations
        _ = train(model, steps: 10)
        XCTAssertEqual(BufferPool.shared.systemAllocations, before)
    }
}
