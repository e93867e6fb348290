import ArgumentParser
import Foundation
import Training

/// `logicls train`: trains the VLM on instruction samples, from renders made on the fly, a
/// native JSONL file or an annotated dataset folder, with checkpoints and exact resume.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the model (difficulty-aware resampling, checkpoints, exact --resume).",
        discussion: """
        --data takes `render` (endless renders of all five products), `render:<category,...>`, a \
        native JSONL file from `logicls instruct`, or a LOCO-layout folder with annotations. \
        SIGINT/SIGTERM write a checkpoint and exit 0; --resume continues it exactly. --init fine-tunes a \
        saved model (its configuration and tokenizer, fresh optimiser); --rules replaces the shipped \
        rule-book of its category. See docs/training.md.
        """
    )

    @Option(help: "render | render:<category,...> | <samples.jsonl> | <dataset folder>")
    var data: String

    @Option(help: "Model folder to write (model.safetensors, config.json, tokenizer.json, checkpoint/).")
    var out: String

    @Option(help: "Training configuration YAML (every field optional; defaults otherwise).")
    var config: String?

    @Flag(help: "Continue the checkpoint in --out.")
    var resume = false

    @Flag(help: "Switch difficulty-aware resampling off (uniform over defect cases).")
    var noResample = false

    @Option(help: "Override the configuration's number of steps (a new run only).")
    var steps: Int?

    @Option(help: "Override the configuration's part-map loss weight, 0 for none (a new run only; docs/training.md).")
    var partMapWeight: Float?

    @Option(help: "Override the configuration's loss weight of the verdict line's tokens (a new run only; docs/training.md).")
    var verdictWeight: Float?

    @Flag(help: "Give the decoder the part map's counts (whole image and quarters) as extra image tokens; needs a part-map weight above 0 (a new model only; docs/training.md).")
    var partCounts = false

    @Flag(help: "Name a part whose flag attribute is false by a part-map class of its own (a cut cable, a missing separator; a new model only; docs/training.md).")
    var partMapFlags = false

    @Option(help: "Override the configuration's chance that a render of a product other than breakfast_box is varied (random counts or a mix of faults), 0 for none (a new run only; docs/training.md).")
    var variedScenes: Double?

    @Option(help: "Override the configuration's wall-clock limit for this invocation, in minutes.")
    var minutes: Double?

    @Option(help: "Engine worker threads for this invocation (default: the configuration's, else all cores); another count changes results only by rounding.")
    var threads: Int?

    @Option(name: .customLong("init"), help: "Start a new run from the weights, configuration and tokenizer of this model folder.")
    var initialModel: String?

    @Option(help: "Rule-book YAML replacing the shipped one of its category (chain-of-thought and labels).")
    var rules: String?

    func run() throws {
        do {
            let data = try DataSpecification(self.data)
            var configuration = try config.map { try TrainingConfiguration.load(from: URL(fileURLWithPath: $0)) }
            if noResample || steps != nil || partMapWeight != nil || verdictWeight != nil || partCounts || partMapFlags || variedScenes != nil {
                guard !resume else {
                    throw TrainingError.invalidConfiguration("--steps, --part-map-weight, --verdict-weight, --part-counts, --part-map-flags, --varied-scenes and --no-resample set up a new run; a resumed run keeps its own")
                }
                var c = configuration ?? TrainingConfiguration()
                if noResample { c.sampler.enabled = false }
                if let steps { c.steps = steps }
                if let partMapWeight { c.partMapWeight = partMapWeight }
                if let verdictWeight { c.verdictWeight = verdictWeight }
                if partCounts { c.partCounts = true }
                if partMapFlags { c.partMapFlags = true }
                if let variedScenes { c.variedScenes = variedScenes }
                try c.validate()
                configuration = c
            }
            let trainer = try Trainer(configuration: configuration, data: data, out: URL(fileURLWithPath: out), resume: resume,
                                      minutes: minutes, threads: threads, initialModel: initialModel.map { URL(fileURLWithPath: $0) },
                                      ruleBook: rules.map { URL(fileURLWithPath: $0) }, log: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })
            FileHandle.standardError.write(Data((trainer.header + "\n").utf8))
            let stop = StopSignal()
            stop.install()
            defer { stop.uninstall() }
            _ = try trainer.run(stop: stop)
        } catch let error as TrainingError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
