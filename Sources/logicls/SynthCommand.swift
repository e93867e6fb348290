import ArgumentParser
import Foundation
import Scenes

/// `logicls synth`: renders synthetic LOCO-like datasets with annotations and masks.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Render a synthetic dataset in the MVTec LOCO layout, with annotations and masks.",
        discussion: "Writes <out>/<category>/ in the MVTec LOCO layout (train/good, validation/good, test/good, "
            + "test/logical_anomalies, ground_truth/logical_anomalies, defects_config.json) with the annotations "
            + "in <out>/<category>/annotations/. The same seed gives byte-identical output. An existing non-empty "
            + "category folder is refused unless --overwrite, which replaces that folder only.")

    @Option(help: "A category (\(SceneCategory.allCases.map(\.rawValue).joined(separator: ", "))) or 'all'.")
    var category: String

    @Option(help: "Output root folder.")
    var out: String

    @Option(help: "Random seed.") var seed: UInt64 = 0
    @Option(help: "Normal training images per category.") var train: Int = 20
    @Option(help: "Normal validation images per category.") var validation: Int = 5
    @Option(name: .customLong("test-good"), help: "Normal test images per category.") var testGood: Int = 10
    @Option(name: .customLong("test-logical-per-type"),
            help: "Test images per defect case (each multi-type case counts as its own case).")
    var testLogicalPerType: Int = 3
    @Option(help: "Pixels on the long side of each image.") var size: Int = SceneRenderer.defaultLongSide
    @Option(help: "Parallel render workers.") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Replace existing non-empty category folders.") var overwrite = false

    func validate() throws {
        _ = try categories()
        for (name, v) in [("--train", train), ("--validation", validation), ("--test-good", testGood),
                          ("--test-logical-per-type", testLogicalPerType)] where v < 0 {
            throw ValidationError("\(name) must be 0 or more, got \(v)")
        }
        guard (32...4096).contains(size) else { throw ValidationError("--size must be between 32 and 4096, got \(size)") }
        guard workers >= 1 else { throw ValidationError("--workers must be 1 or more, got \(workers)") }
    }

    /// The categories named by `--category`.
    func categories() throws -> [SceneCategory] {
        if category == "all" { return SceneCategory.allCases }
        do { return [try SceneCategory(named: category)] } catch let e as SceneError {
            throw ValidationError(e.description + " (or 'all')")
        }
    }

    func run() throws {
        let plan = DatasetPlan(seed: seed, train: train, validation: validation, testGood: testGood,
                               testLogicalPerCase: testLogicalPerType, longSide: size)
        let writer = DatasetWriter(root: URL(fileURLWithPath: out), plan: plan, overwrite: overwrite, workers: workers)
        for c in try categories() {
            let line = ProgressLine(label: c.rawValue)
            let n = try writer.write(category: c, progress: { done, total in line.update(done: done, total: total) })
            if n == 0 { FileHandle.standardError.write(Data("\(c.rawValue): 0 images requested\n".utf8)) }
        }
    }
}
