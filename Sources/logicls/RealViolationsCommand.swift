import Annotator
import ArgumentParser
import Dataset
import Foundation
import Rules

/// `logicls real-violations`: violations of every juice_bottle type synthesized from annotated real photos.
struct RealViolationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "real-violations",
        abstract: "Synthesize every juice_bottle logical anomaly from annotated real normal photos.",
        discussion: """
            Reads the output of `logicls annotate` and writes <out>/juice_bottle/ in the LOCO layout: \
            the split's normal photos (linked) with their annotations, and edited photos in \
            <split>/logical_anomalies/ labelled by the oracle of the real-photo rule-book, listed in labels.csv.
            """
    )

    @Option(name: .long, help: "Dataset root written by `logicls annotate` (holding juice_bottle/annotations/).")
    var annotated: String

    @Option(name: .long, help: "Output dataset root.")
    var out: String

    @Option(name: .long, help: "Violations to make of each of the 11 types.")
    var perType = 40

    @Option(name: .long, help: "Split whose normal photos are edited (train keeps validation and test unseen).")
    var split = "train"

    @Option(name: .customLong("real-anomalies"),
            help: "Share (0 to 1) of each defect case of the annotated test/logical_anomalies photos to add as real training examples (they are then never evaluated on).")
    var realAnomalies: Double = 0

    @Option(name: .long, help: "Seed of the random edits and of the real anomalies taken.")
    var seed: UInt64 = 1

    func run() throws {
        guard perType >= 0 else { throw ValidationError("--per-type must not be negative") }
        guard (0...1).contains(realAnomalies) else { throw ValidationError("--real-anomalies must be between 0 and 1, got \(realAnomalies)") }
        guard let split = LocoSplit(rawValue: split) else {
            throw ValidationError("unknown split '\(split)'; use one of \(LocoSplit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let data = try LocoDataset(root: URL(fileURLWithPath: annotated), category: "juice_bottle")
        let book = try RuleBook.load(from: RealRuleBook.juiceBottleURL)
        let written = try RealViolationDataset(ruleBook: book).write(from: data, split: split, perType: perType,
                                                                     realAnomalyShare: realAnomalies, seed: seed,
                                                                     to: URL(fileURLWithPath: out))
        for type in RealViolationSynthesizer.types { print("\(type): \(written.made[type, default: 0]) of \(perType)") }
        print("wrote \(written.made.values.reduce(0, +)) violations to \(out)/juice_bottle")
        if realAnomalies > 0 {
            print("added \(written.realAnomalies.count) real anomalies: \(written.realAnomalies.joined(separator: " "))")
        }
    }
}
