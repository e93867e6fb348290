import Foundation
import Model
import Randomness
import Tensor

/// Where a run stands: everything besides the weights and moments that `--resume` needs to
/// continue exactly as if it had never stopped.
public struct TrainingState: Codable, Equatable, Sendable {
    /// Optimisation steps completed.
    public var step: Int
    public var samplesSeen: Int
    /// Training time summed over every invocation, in seconds.
    public var elapsedSeconds: Double
    public var configuration: TrainingConfiguration
    /// The `--data` argument the run trains on.
    public var data: String
    public var samplers: SamplerState
    /// The model's dropout stream.
    public var dropoutGenerator: SeededGenerator
    /// The model folder the run's weights started from (`--init`); nil for a random start.
    public var initialModel: String?
    /// The rule-book that replaced the shipped one of its category (`--rules`).
    public var ruleBook: RuleBookChoice?
}

/// A training checkpoint: `<out>/checkpoint/` holds the model files (`model.safetensors`,
/// `config.json`, `tokenizer.json`), `optimizer.safetensors` (AdamW moments and step count) and
/// `state.json`. It is written whole into `checkpoint.tmp/` and then swapped in by renaming, so a
/// crash leaves the previous checkpoint or the new one, never a mixture. The model files are then
/// also published at the top of `<out>` (each replaced atomically), where `VLM.load` reads them.
public enum Checkpoint {
    public static let folderName = "checkpoint"
    public static let optimizerFile = "optimizer.safetensors"
    public static let stateFile = "state.json"

    /// Writes the checkpoint and publishes the model files.
    public static func write(model: VLM, optimizer: AdamW, state: TrainingState, to out: URL) throws {
        let fm = FileManager.default
        let folder = out.appendingPathComponent(folderName)
        let pending = out.appendingPathComponent(folderName + ".tmp")
        let previous = out.appendingPathComponent(folderName + ".old")
        do {
            try? fm.removeItem(at: pending)
            try fm.createDirectory(at: pending, withIntermediateDirectories: true)
            try model.save(to: pending)
            try SafeTensors.save(optimizer.stateTensors(), to: pending.appendingPathComponent(optimizerFile))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(state).write(to: pending.appendingPathComponent(stateFile), options: .atomic)
            try? fm.removeItem(at: previous)
            if fm.fileExists(atPath: folder.path) { try fm.moveItem(at: folder, to: previous) }
            try fm.moveItem(at: pending, to: folder)
            try? fm.removeItem(at: previous)
            try model.save(to: out)
        } catch {
            throw TrainingError.checkpoint("cannot write into \(out.path): \(error)")
        }
    }

    /// The folder of the latest complete checkpoint under `out`: `checkpoint/`, or
    /// `checkpoint.old/` when a crash came between the two renames; nil when there is none.
    public static func latest(in out: URL) -> URL? {
        for name in [folderName, folderName + ".old"] {
            let folder = out.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(stateFile).path) { return folder }
        }
        return nil
    }

    /// Reads the run state of a checkpoint folder.
    public static func readState(_ folder: URL) throws -> TrainingState {
        let url = folder.appendingPathComponent(stateFile)
        do {
            return try JSONDecoder().decode(TrainingState.self, from: Data(contentsOf: url))
        } catch {
            throw TrainingError.checkpoint("cannot read \(url.path): \(error)")
        }
    }

    /// Loads the model of a checkpoint folder.
    public static func readModel(_ folder: URL) throws -> VLM {
        do { return try VLM.load(directory: folder) } catch {
            throw TrainingError.checkpoint("cannot load the model of \(folder.path): \(error)")
        }
    }

    /// Restores the optimiser moments saved in `folder`.
    public static func restoreOptimizer(_ optimizer: AdamW, from folder: URL) throws {
        let url = folder.appendingPathComponent(optimizerFile)
        do {
            try optimizer.loadState(try SafeTensors.load(from: url), source: url.path)
        } catch {
            throw TrainingError.checkpoint("cannot restore the optimiser from \(url.path): \(error)")
        }
    }
}
