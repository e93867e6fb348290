import Foundation
import Training
import XCTest

/// A run stopped half-way and resumed from its checkpoint ends with exactly the weights,
/// optimiser moments and sampler state of a run that never stopped.
final class ResumeTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("training-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A tiny model on small pushpin renders: a few steps take seconds.
    static func tinyConfiguration(steps: Int) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.model.imageSize = 32
        c.model.patchSize = 8
        c.model.visionWidth = 16
        c.model.visionLayers = 1
        c.model.visionHeads = 2
        c.model.decoderWidth = 32
        c.model.decoderLayers = 1
        c.model.decoderHeads = 2
        c.batchSize = 4
        c.steps = steps
        c.warmupSteps = 1
        c.validationSamples = 0
        c.validationGenerations = 0
        c.renderLongSide = 64
        c.threads = 2
        c.sampler.logEvery = 2
        return c
    }

    private func data(_ name: String, _ file: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name).appendingPathComponent(file))
    }

    func testResumedRunEqualsUninterruptedRun() throws {
        let configuration = Self.tinyConfiguration(steps: 6)
        let spec = try DataSpecification("render:pushpins,juice_bottle")

        let straight = try Trainer(configuration: configuration, data: spec, out: folder.appendingPathComponent("straight"),
                                   resume: false, log: { _ in })
        let full = try straight.run()
        XCTAssertEqual(full.reason, .finished)
        XCTAssertEqual(full.state.step, 6)

        let first = try Trainer(configuration: configuration, data: spec, out: folder.appendingPathComponent("resumed"),
                                resume: false, log: { _ in })
        let half = try first.run(stopAfterStep: 3)
        XCTAssertEqual(half.reason, .limitReached)
        XCTAssertEqual(half.state.step, 3)
        XCTAssertNotEqual(try data("straight", "model.safetensors"), try data("resumed", "model.safetensors"))

        let second = try Trainer(configuration: nil, data: spec, out: folder.appendingPathComponent("resumed"),
                                 resume: true, log: { _ in })
        XCTAssertEqual(second.state.step, 3)
        let rest = try second.run()
        XCTAssertEqual(rest.reason, .finished)
        XCTAssertEqual(rest.state.step, 6)

        XCTAssertEqual(try data("straight", "model.safetensors"), try data("resumed", "model.safetensors"))
        XCTAssertEqual(try data("straight", "checkpoint/optimizer.safetensors"), try data("resumed", "checkpoint/optimizer.safetensors"))
        XCTAssertEqual(full.state.samplers, rest.state.samplers)
        XCTAssertEqual(full.state.samplesSeen, rest.state.samplesSeen)
        // Both logged the sampler at steps 2, 4 and 6.
        XCTAssertEqual(String(decoding: try data("resumed", "sampler.jsonl"), as: UTF8.self).split(separator: "\n").count, 3)
    }

    /// The thread count is a setting of one invocation: a run started on 2 engine threads
    /// continues on 1 with the same data order (BLAS splits its sums by thread, so the weights
    /// differ only by rounding).
    func testResumeOnAnotherThreadCount() throws {
        let configuration = Self.tinyConfiguration(steps: 4)
        let spec = try DataSpecification("render:pushpins")
        let straight = try Trainer(configuration: configuration, data: spec, out: folder.appendingPathComponent("straight"),
                                   resume: false, log: { _ in }).run()
        _ = try Trainer(configuration: configuration, data: spec, out: folder.appendingPathComponent("resumed"),
                        resume: false, log: { _ in }).run(stopAfterStep: 2)
        let second = try Trainer(configuration: nil, data: spec, out: folder.appendingPathComponent("resumed"),
                                 resume: true, threads: 1, log: { _ in })
        XCTAssertEqual(second.state.configuration.threads, 1)
        let rest = try second.run()
        XCTAssertEqual(rest.state.step, 4)
        XCTAssertEqual(rest.state.samplers.cases.observations, straight.state.samplers.cases.observations)
        XCTAssertThrowsError(try Trainer(configuration: nil, data: spec, out: folder.appendingPathComponent("resumed"),
                                         resume: true, threads: 0, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("threads must be positive"), "\(error)")
        }
    }

    func testResumeRefusesAFolderWithoutCheckpointAndANewRunRefusesAnExistingOne() throws {
        let spec = try DataSpecification("render:pushpins")
        let out = folder.appendingPathComponent("run")
        XCTAssertThrowsError(try Trainer(configuration: nil, data: spec, out: out, resume: true, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("holds no checkpoint"), "\(error)")
        }
        let trainer = try Trainer(configuration: Self.tinyConfiguration(steps: 2), data: spec, out: out, resume: false, log: { _ in })
        _ = try trainer.run(stopAfterStep: 1)
        XCTAssertThrowsError(try Trainer(configuration: Self.tinyConfiguration(steps: 2), data: spec, out: out, resume: false, log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("already holds a checkpoint"), "\(error)")
        }
        // Another schedule is not a resume of this run.
        XCTAssertThrowsError(try Trainer(configuration: Self.tinyConfiguration(steps: 5), data: spec, out: out, resume: true, log: { _ in }))
        // Nor is other data.
        XCTAssertThrowsError(try Trainer(configuration: nil, data: try DataSpecification("render:screw_bag"), out: out, resume: true, log: { _ in }))
    }

    func testStopSignalEndsTheRunWithACheckpoint() throws {
        let out = folder.appendingPathComponent("stopped")
        let trainer = try Trainer(configuration: Self.tinyConfiguration(steps: 50), data: try DataSpecification("render:pushpins"),
                                  out: out, resume: false, log: { _ in })
        let stop = StopSignal()
        stop.raise()
        let outcome = try trainer.run(stop: stop)
        XCTAssertEqual(outcome.reason, .interrupted)
        XCTAssertEqual(outcome.state.step, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("checkpoint/state.json").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("model.safetensors").path))
    }
}
