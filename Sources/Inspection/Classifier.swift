import Foundation
import Imaging
import Instruct
import Rules

/// Classifies images of one category with a response generator and the category's rule-book:
/// one generation per image, read back into verdict, types and evidence.
public struct Classifier {
    public let category: String
    /// Where the model came from, as reported in results.
    public let modelName: String
    public let generator: ResponseGenerator
    public let interpreter: ResponseInterpreter
    /// The prompt the model was trained to answer with a full inspection.
    public let prompt: String

    /// `category` must have a shipped rule-book; an unknown name lists the known ones. `ruleBook`
    /// (the model's own, `ModelRuleBook`) replaces the shipped one of the category.
    public init(category: String, generator: ResponseGenerator, modelName: String, ruleBook: RuleBook? = nil) throws {
        let known = RuleBook.bundledCategories
        guard known.contains(category) else { throw InspectionError.unknownCategory(category, known: known) }
        let plan = try (ruleBook ?? RuleBook.bundled(category)).plan
        self.category = category
        self.modelName = modelName
        self.generator = generator
        self.interpreter = ResponseInterpreter(plan: plan)
        self.prompt = CoTWriter(plan: plan).inspectionPrompt(0)
    }

    /// Classifies the images at `paths`, `batchSize` at a time. An image that cannot be read, or
    /// a batch the model fails on, becomes `.failed` entries; the rest go on. `progress` is told
    /// after each batch how many images are done out of how many.
    public func classify(paths: [String], batchSize: Int = 8,
                         progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> ClassificationRun {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        var entries: [ClassificationEntry] = []
        var start = 0
        while start < paths.count {
            let chunk = Array(paths[start..<min(start + batchSize, paths.count)])
            entries += classifyBatch(chunk)
            start += chunk.count
            progress(start, paths.count)
        }
        return ClassificationRun(category: category, model: modelName, entries: entries)
    }

    private func classifyBatch(_ paths: [String]) -> [ClassificationEntry] {
        var entries = [ClassificationEntry?](repeating: nil, count: paths.count)
        var images: [RGBImage] = [], slots: [Int] = []
        for (i, path) in paths.enumerated() {
            do {
                images.append(try ImageDecoder.load(URL(fileURLWithPath: path), mode: .rgb))
                slots.append(i)
            } catch {
                entries[i] = .failed(image: path, error: String(describing: error))
            }
        }
        if !images.isEmpty {
            do {
                let traces = try generator.respond(to: images, prompt: prompt)
                guard traces.count == images.count else {
                    throw InspectionError.generationFailed("\(traces.count) responses for \(images.count) images")
                }
                for (k, trace) in traces.enumerated() {
                    let i = slots[k]
                    entries[i] = .classified(interpreter.interpret(trace, image: paths[i],
                                                                   width: images[k].width, height: images[k].height))
                }
            } catch {
                let message = error is InspectionError ? "\(error)" : "generation failed: \(error)"
                for i in slots { entries[i] = .failed(image: paths[i], error: message) }
            }
        }
        return entries.map { $0! }
    }
}
