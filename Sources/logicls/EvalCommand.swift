import ArgumentParser
import Dataset
import Foundation
import Inspection

/// `logicls eval`: LAC metrics of the model on a LOCO-layout dataset, per category and mean.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate logical anomaly classification on a dataset in the MVTec LOCO layout.",
        discussion: "Scores test/good and test/logical_anomalies (validation/good when there is no test/good); "
            + "structural anomalies are left out. Prints a Markdown table; --json writes categories.<name>.<score> "
            + "and mean.<score>. One confusion-matrix PNG per category goes to --figures.")

    @Option(help: "Dataset root (holding category folders) or one category folder.") var dataset: String
    @Option(help: "Evaluate only this category (needed when --dataset is a category folder).") var category: String?
    @Option(help: "Model directory (default: models/default of this package).") var model: String?
    @Option(help: "Write the scores as JSON to this file.") var json: String?
    @Option(help: "Folder for the confusion-matrix PNGs.") var figures: String = "out/eval"
    @Option(name: .customLong("batch-size"), help: "Images per generation batch.") var batchSize: Int = 8

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be 1 or more, got \(batchSize)") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: dataset)
        let names: [String]
        if let category {
            names = [category]
        } else {
            names = try LocoDataset.categories(in: root)
            guard !names.isEmpty else {
                throw InspectionError.datasetEmpty("\(dataset) holds no category folders; if it is one, name it with --category")
            }
        }
        let modelRoot = try ModelLocator.resolve(explicit: model)
        var results: [String: CategoryEvaluation] = [:]
        var generators: [URL: ResponseGenerator] = [:]      // a folder with one model serves every category
        for name in names {
            let modelURL = try ModelLocator.modelFolder(in: modelRoot, category: name)
            let generator = try generators[modelURL] ?? ModelLocator.loadModel(at: modelURL)
            generators[modelURL] = generator
            let evaluator = Evaluator(generator: generator, modelName: modelURL.path, batchSize: batchSize, modelFolder: modelURL)
            let data = try LocoDataset(root: root, category: name)
            results[name] = try evaluator.evaluate(data, confusionDirectory: URL(fileURLWithPath: figures),
                                                   progress: ProgressLine(label: name).update)
        }
        let report = EvaluationReport(categories: results)
        print(report.markdownTable(), terminator: "")
        for name in names {
            if let left = results[name]?.excludedAsTrained, left > 0 {
                print("\(name): left out \(left) test images the model was trained on (\(TrainingImages.fileName))")
            }
            if let path = results[name]?.confusionMatrix { print("confusion matrix (\(name)): \(path)") }
        }
        if let json {
            let url = URL(fileURLWithPath: json)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try report.jsonData().write(to: url, options: .atomic)
            } catch {
                throw InspectionError.unwritable(json, error.localizedDescription)
            }
        }
    }
}
