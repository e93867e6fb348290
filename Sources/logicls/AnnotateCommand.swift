import Annotator
import ArgumentParser
import Dataset
import Foundation

/// `logicls annotate`: grounding annotations for real juice_bottle photos, without hand labels.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Annotate real juice_bottle photos (bottle, liquid, labels, fruit icon) with classical vision.",
        discussion: """
            Writes <out>/<category>/annotations/<split>/<label>/<name>.json in the layout of \
            docs/annotations.md, links the source's image folders beside them, and lists refused \
            images with their reasons in <out>/<category>/refused.txt. Check the result against the \
            labels with `logicls rules check --dataset <out> --rules Sources/Annotator/RuleBooks/juice_bottle_real.yaml` \
            (the real-photo rule-book, docs/real-photos.md).
            """
    )

    @Option(name: .long, help: "A juice_bottle folder in the MVTec LOCO layout (or a root holding juice_bottle/).")
    var dataset: String

    @Option(name: .long, help: "Output dataset root.")
    var out: String

    @Option(name: .long, help: "Category of the photos; only juice_bottle has an annotator.")
    var category = "juice_bottle"

    @Flag(name: .long, help: "Also write overlay PNGs (boxes and attributes drawn on the photo) under <out>/<category>/overlays/.")
    var overlays = false

    func run() throws {
        guard category == "juice_bottle" else {
            throw ValidationError("no annotator for category '\(category)'; only juice_bottle has one")
        }
        let data = try LocoDataset(root: URL(fileURLWithPath: dataset), category: category)
        guard !data.samples.isEmpty else { throw ValidationError("\(dataset) holds no images") }
        let outcomes = try DatasetAnnotator(writeOverlays: overlays).run(data, out: URL(fileURLWithPath: out))
        for split in LocoSplit.allCases {
            for label in LocoLabel.allCases {
                let group = outcomes.filter { $0.sample.split == split && $0.sample.label == label }
                guard !group.isEmpty else { continue }
                let done = group.filter { (try? $0.result.get()) != nil }.count
                print("\(split.rawValue)/\(label.rawValue): annotated \(done) of \(group.count)")
            }
        }
        let refused = outcomes.filter { (try? $0.result.get()) == nil }.count
        print("refused \(refused) of \(outcomes.count) (reasons in \(out)/\(category)/refused.txt)")
    }
}
