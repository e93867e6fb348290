import ArgumentParser
import Foundation
import Inspection
import Rules

/// `logicls classify`: verdict, anomaly score, violated types and the evidence trail per image.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify images of one category, with the evidence trail of each verdict.",
        discussion: "Uses the shipped model (models/default) unless --model names another. Images of any size "
            + "(PNG or JPEG) are accepted. An image that cannot be read gets an error entry and the others go on; "
            + "the exit status is 1 when any image failed. The JSON form is described in docs/report-schema.md.")

    @Option(help: "The product category (\(RuleBook.bundledCategories.joined(separator: ", "))).") var category: String
    @Option(help: "Model directory (default: models/default of this package).") var model: String?
    @Flag(help: "Print the results as JSON instead of text.") var json = false
    @Option(help: "Write an HTML report with evidence overlays into this folder.") var report: String?
    @Option(name: .customLong("batch-size"), help: "Images per generation batch.") var batchSize: Int = 8
    @Argument(help: "Image files.") var images: [String]

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one image") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be 1 or more, got \(batchSize)") }
    }

    func run() throws {
        let (modelURL, generator) = try ModelLocator.load(explicit: model, category: category)
        let classifier = try Classifier(category: category, generator: generator, modelName: modelURL.path,
                                        ruleBook: try ModelRuleBook.saved(model: modelURL, category: category))
        let progress = ProgressLine(label: "classify")
        let run = classifier.classify(paths: images, batchSize: batchSize, progress: progress.update)
        if json {
            FileHandle.standardOutput.write(try run.jsonData())
            print()
        } else {
            for entry in run.entries { print(Self.text(entry)) }
        }
        if let report {
            let page = try HTMLReport.write(run, to: URL(fileURLWithPath: report))
            FileHandle.standardError.write(Data("report: \(page.path)\n".utf8))
        }
        if run.failureCount > 0 {
            FileHandle.standardError.write(Data("\(run.failureCount) of \(run.entries.count) images could not be classified\n".utf8))
            throw ExitCode(1)
        }
    }

    /// A few readable lines per image.
    static func text(_ entry: ClassificationEntry) -> String {
        switch entry {
        case .failed(let image, let error):
            return "\(image): ERROR \(error)"
        case .classified(let c):
            let types = c.violatedTypes.map { "\($0.type) [\($0.coarseClass)]" }.joined(separator: ", ")
            let agreement = c.agreesWithRules ? "model agrees" : "model says \(c.modelVerdict?.rawValue ?? "nothing readable")"
            var lines = ["\(c.image): \(c.verdict.rawValue) (score \(String(format: "%.3f", c.anomalyScore)))"
                         + (types.isEmpty ? "" : " \(types)") + "; \(agreement)"]
            for step in c.steps {
                let boxes = step.boxes.map { String(format: "[%.0f %.0f %.0f %.0f]", $0.x0, $0.y0, $0.x1, $0.y1) }
                    .joined(separator: " ")
                lines.append("  \(step.index). \(step.subquery) -> \(step.answer)"
                             + (boxes.isEmpty ? "" : " \(boxes)") + String(format: " (confidence %.2f)", step.confidence))
            }
            return lines.joined(separator: "\n")
        }
    }
}
