import ArgumentParser
import Dataset
import Foundation
import Instruct
import Rules

/// `logicls instruct`: write chain-of-thought training data from an annotated dataset.
struct InstructCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instruct",
        abstract: "Write grounded chain-of-thought training data from an annotated dataset.",
        discussion: """
            Reads every annotated image of <dataset>/<category>/ (LOCO layout with annotations/), answers the \
            rule-book's subqueries from the annotations, and writes one JSON line per sample: `native` for \
            LogiCls training, `sharegpt` for LLaMA-Factory-style trainers (pixel boxes, `<image>` in the first \
            user message). Augmented and edited images go to <out without extension>_images/. See docs/cot.md.
            """
    )

    @Option(name: .long, help: "Dataset root in the LOCO layout with annotations.")
    var dataset: String

    @Option(name: .long, help: "Output JSONL file.")
    var out: String

    @Option(name: .long, help: "native | sharegpt.")
    var format: String = "native"

    @Option(name: .long, help: "Augmented copies per image; labels are re-derived by the oracle.")
    var augment: Int = 0

    @Option(name: .long, help: "Edited copies (violation synthesis) per normal image.")
    var violations: Int = 0

    @Flag(name: .long, help: "Also write one single-subquery sample per step.")
    var subquerySamples = false

    @Option(name: .long, help: "Seed of wording, order, augmentation and edits.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Only this category (default: every category folder of the dataset).")
    var category: String?

    @Option(name: .long, help: "A rule-book YAML file to use instead of the shipped one (needs --category).")
    var rules: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Only these splits: train validation test.")
    var split: [String] = []

    func validate() throws {
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError("unknown --format '\(format)'; use \(ExportFormat.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        guard augment >= 0, violations >= 0 else { throw ValidationError("--augment and --violations must be >= 0") }
        if rules != nil && category == nil { throw ValidationError("--rules needs --category") }
        for s in split where LocoSplit(rawValue: s) == nil {
            throw ValidationError("unknown --split '\(s)'; use \(LocoSplit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var export = InstructionExport()
        export.format = ExportFormat(rawValue: format)!
        export.augment = augment
        export.violations = violations
        export.subquerySamples = subquerySamples
        export.seed = seed
        export.splits = split.compactMap(LocoSplit.init(rawValue:))
        let rulesFile = rules
        let summary = try export.run(dataset: URL(fileURLWithPath: dataset), out: URL(fileURLWithPath: out),
                                     categories: category.map { [$0] }) { name in
            if let rulesFile {
                let book = try RuleBook.load(from: URL(fileURLWithPath: rulesFile))
                guard book.category == name else {
                    throw ValidationError("\(rulesFile) is the rule-book of '\(book.category)', not '\(name)'")
                }
                return book
            }
            return try RuleBook.bundled(name)
        }
        print(summary.text)
        print("wrote \(summary.samples) samples to \(out)")
    }
}
