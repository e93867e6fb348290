import Foundation
import Training
import XCTest

/// The YAML configuration: defaults, overrides, and clear errors for bad fields and data names.
final class ConfigurationTests: XCTestCase {
    func testEmptyYAMLGivesTheDefaults() throws {
        XCTAssertEqual(try TrainingConfiguration.parse(yaml: "", source: "empty"), TrainingConfiguration())
    }

    func testFieldsOverrideTheDefaults() throws {
        let c = try TrainingConfiguration.parse(yaml: """
            batchSize: 8
            steps: 1000
            learningRate: 0.003
            numberWeight: 4
            verdictWeight: 5
            variedScenes: 0.5
            partMapSizes: true
            partMapFlags: true
            partMapWeight: 1
            partCounts: true
            model:
              decoderLayers: 2
              imageSize: 144
              imageHeight: 288
            sampler:
              enabled: false
              floor: 0.5
              ceiling: 2
            """, source: "test")
        XCTAssertEqual(c.batchSize, 8)
        XCTAssertEqual(c.steps, 1000)
        XCTAssertEqual(c.learningRate, 0.003)
        XCTAssertEqual(c.numberWeight, 4)
        XCTAssertEqual(TrainingConfiguration().numberWeight, 1)
        XCTAssertEqual(c.verdictWeight, 5)
        XCTAssertEqual(TrainingConfiguration().verdictWeight, 1)
        XCTAssertEqual(c.variedScenes, 0.5)
        XCTAssertEqual(TrainingConfiguration().variedScenes, 0)
        XCTAssertTrue(c.partMapSizes)
        XCTAssertFalse(TrainingConfiguration().partMapSizes)
        XCTAssertTrue(c.partMapFlags)
        XCTAssertFalse(TrainingConfiguration().partMapFlags)
        XCTAssertTrue(c.partCounts)
        XCTAssertFalse(TrainingConfiguration().partCounts)
        XCTAssertEqual(c.model.decoderLayers, 2)
        XCTAssertEqual(c.model.resolved(vocabularySize: 100).decoderLayers, 2)
        XCTAssertEqual(c.model.resolved(vocabularySize: 100).inputDescription, "144 x 288")
        XCTAssertEqual(c.sampler.ceiling, 2)
        XCTAssertFalse(c.sampler.enabled)
        XCTAssertEqual(c.sampler.floor, 0.5)
        XCTAssertEqual(c.sampler.decay, SamplerSettings().decay)
        XCTAssertEqual(c.warmupSteps, TrainingConfiguration().warmupSteps)
    }

    func testUnknownAndInvalidFieldsAreNamed() {
        func message(_ yaml: String) -> String {
            do { _ = try TrainingConfiguration.parse(yaml: yaml, source: "bad.yaml"); return "" } catch { return "\(error)" }
        }
        XCTAssertTrue(message("batchsize: 4").contains("unknown field 'batchsize'"), message("batchsize: 4"))
        XCTAssertTrue(message("sampler:\n  flor: 0.1").contains("unknown field 'sampler.flor'"))
        XCTAssertTrue(message("model:\n  layers: 2").contains("unknown field 'model.layers'"))
        XCTAssertTrue(message("batchSize: many").contains("batchSize"))
        XCTAssertTrue(message("batchSize: 0").contains("batchSize must be positive"))
        XCTAssertTrue(message("warmupSteps: 5000\nsteps: 100").contains("warmupSteps"))
        XCTAssertTrue(message("numberWeight: 0").contains("numberWeight must be positive"))
        XCTAssertTrue(message("numberWeight: .inf").contains("numberWeight must be positive"))
        XCTAssertTrue(message("verdictWeight: -2").contains("verdictWeight must be positive, got -2"), message("verdictWeight: -2"))
        XCTAssertTrue(message("variedScenes: 1.5").contains("variedScenes must be in [0, 1], got 1.5"), message("variedScenes: 1.5"))
        XCTAssertTrue(message("datasetSplits: [train, holdout]").contains("unknown split 'holdout'"))
        XCTAssertTrue(message("- a list").contains("must be a mapping"))
    }

    func testSavedConfigurationRoundTrips() throws {
        var c = TrainingConfiguration()
        c.minutes = 30
        c.model.imageSize = 128
        c.model.imageHeight = 256
        c.numberWeight = 3
        c.verdictWeight = 4
        let yaml = c.yaml()
        XCTAssertEqual(try TrainingConfiguration.parse(yaml: yaml, source: "round trip"), c)
        var other = c
        other.minutes = 5
        other.progressSeconds = 1
        XCTAssertTrue(c.trainsLike(other))
        other.batchSize = 3
        XCTAssertFalse(c.trainsLike(other))
    }

    func testDataSpecifications() throws {
        XCTAssertEqual(try DataSpecification("render"),
                       .render(categories: ["breakfast_box", "juice_bottle", "pushpins", "screw_bag", "splicing_connectors"]))
        XCTAssertEqual(try DataSpecification("render:pushpins,screw_bag"), .render(categories: ["pushpins", "screw_bag"]))
        XCTAssertThrowsError(try DataSpecification("render:pushpin")) { XCTAssertTrue("\($0)".contains("unknown category 'pushpin'")) }
        XCTAssertThrowsError(try DataSpecification("render:"))
        XCTAssertThrowsError(try DataSpecification("/no/such/file.jsonl")) { XCTAssertTrue("\($0)".contains("neither")) }
    }

    func testJSONLErrorsNameTheLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).jsonl")
        try "\n{\"not\": \"a sample\"}\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try JSONLSource(file: url)) { XCTAssertTrue("\($0)".contains("line 2"), "\($0)") }
    }
}
