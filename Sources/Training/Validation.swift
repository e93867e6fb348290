import Foundation
import Instruct
import Metrics
import Model
import Randomness
import Rules
import Tensor

/// The scores of one validation pass.
public struct ValidationResult: Codable, Equatable, Sendable {
    public var step: Int
    /// Mean answer-token loss (teacher forcing).
    public var loss: Double
    /// Fraction of answer tokens the model predicts exactly (teacher forcing, argmax).
    public var tokenAccuracy: Double
    /// Mean answer-token loss per defect-case unit (`<category>/<case>`): which cases are hard.
    public var caseLosses: [String: Double]
    /// LAC metrics of the images classified by generation (nil when none was).
    public var lac: LACMetrics?

    /// One line for the progress log.
    public var summary: String {
        var line = String(format: "validation step %d: loss %.4f  token accuracy %.4f", step, loss, tokenAccuracy)
        if let lac {
            line += String(format: "  | %d images: accuracy %.3f  macro-F1 %.3f  exact match %.3f", lac.imageCount, lac.accuracy,
                           lac.types.macroF1, lac.types.exactMatch)
            if let auc = lac.pooledAUROC { line += String(format: "  AUROC %.3f", auc) }
            if let t = lac.types.typeAccuracy { line += String(format: "  type accuracy %.3f", t) }
        }
        return line
    }
}

/// A fixed held-out set, drawn once from the source with its own seed stream (round-robin over
/// the defect cases, so each case is covered, or spread evenly when the set is smaller), scored by token accuracy and, on a subset, by
/// generating the full inspection and computing the LAC metrics from the rule engine's verdict.
public struct ValidationSet: Sendable {
    public let samples: [EncodedSample]
    /// Sizes of the images, for reading location words back into pixels.
    private let sizes: [(width: Int, height: Int)]
    private let generations: Int

    public init(source: TrainingSource, count: Int, generations: Int, seed: UInt64, config: VLMConfig, tokenizer: Tokenizer,
                partSizes: [String: PartMapTargets.SizedAttribute] = [:]) throws {
        let units = source.caseUnits.count
        let drawn: [DrawnSample] = try (0..<count).map { i in
            var g = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID("validation"), UInt64(i)])
            // Round-robin over the cases; spread evenly over them when there are fewer samples.
            let unit = count >= units ? i % units : i * units / count
            return try source.inspection(caseUnit: unit, seed: g.next())
        }
        samples = try drawn.map { try EncodedSample($0, config: config, tokenizer: tokenizer, partSizes: partSizes) }
        sizes = drawn.map { ($0.sample.width, $0.sample.height) }
        self.generations = min(generations, count)
    }

    /// Scores `model` on the set in batches of `batchSize`.
    public func evaluate(_ model: VLM, step: Int, batchSize: Int) throws -> ValidationResult {
        var lossSum = 0.0, lossWeight = 0.0, correct = 0, total = 0
        var caseSums: [String: (sum: Double, count: Int)] = [:]
        for start in stride(from: 0, to: samples.count, by: batchSize) {
            let chunk = Array(samples[start..<min(start + batchSize, samples.count)])
            let batch = try VLMBatch(samples: chunk.map(\.input), config: model.config, tokenizer: model.tokenizer)
            let logits = model.logits(batch)
            // Logits are [B, T, V] over the text positions; row t predicts text token t + 1.
            let v = logits.shape[2], t = batch.textLength
            precondition(logits.shape == [batch.size, t, v], "logits \(logits.shape) do not match the batch [\(batch.size), \(t), V]")
            let x = logits.data
            for b in 0..<batch.size {
                for ti in 1..<t where batch.lossWeights[b * t + ti] > 0 {
                    let row = x.baseAddress! + (b * t + ti - 1) * v
                    var best = 0
                    for j in 1..<v where row[j] > row[best] { best = j }
                    if best == batch.tokens[b * t + ti] { correct += 1 }
                    total += 1
                }
            }
            let report = withoutGradients { model.loss(batch, training: false) }
            for (b, sample) in chunk.enumerated() {
                let unit = TrainingUnit.caseUnit(category: sample.category, defects: sample.defects)
                let previous = caseSums[unit] ?? (0, 0)
                caseSums[unit] = (previous.sum + Double(report.sampleLosses[b]), previous.count + 1)
            }
            let tokens = Double(batch.lossWeights.filter { $0 > 0 }.count)
            lossSum += Double(report.loss.item) * tokens
            lossWeight += tokens
        }
        let lac = generations > 0 ? try classify(model) : nil
        return ValidationResult(step: step, loss: lossWeight > 0 ? lossSum / lossWeight : 0,
                                tokenAccuracy: total > 0 ? Double(correct) / Double(total) : 0,
                                caseLosses: caseSums.mapValues { $0.sum / Double($0.count) }, lac: lac)
    }

    /// Generates the inspection of the first `generations` images, parses it, lets the rule
    /// engine compute the verdict from the parsed answers, and scores it. The anomaly score is the
    /// mean probability of the generated tokens, folded so that confident anomalies score near 1
    /// and confident normals near 0.
    private func classify(_ model: VLM) throws -> LACMetrics {
        var plans: [String: Plan] = [:]
        var outcomes: [ImageOutcome] = []
        var coarse: [String: String] = [:]
        let chunk = 8
        for start in stride(from: 0, to: generations, by: chunk) {
            let indices = Array(start..<min(start + chunk, generations))
            let generated = try model.generate(pixels: indices.map { samples[$0].input.image },
                                               prompts: indices.map { samples[$0].input.prompt },
                                               maxTokens: model.config.maxTextLength - model.config.promptLength - 1)
            for (k, i) in indices.enumerated() {
                let sample = samples[i]
                if plans[sample.category] == nil {
                    let plan = try RuleBook.bundled(sample.category).plan
                    plans[sample.category] = plan
                    for (type, c) in plan.coarse { coarse[type] = c.rawValue }
                }
                let plan = plans[sample.category]!
                let parsed = CoTParser(plan: plan).parse(generated[k].text, width: sizes[i].width, height: sizes[i].height)
                let predicted = Set(plan.evaluate(parsed.answers).types)
                let probabilities = generated[k].probabilities
                let confidence = probabilities.isEmpty ? 0.5 : Double(probabilities.reduce(0, +)) / Double(probabilities.count)
                let score = predicted.isEmpty ? 0.5 - 0.5 * confidence : 0.5 + 0.5 * confidence
                outcomes.append(ImageOutcome(category: sample.category, labelled: Set(sample.defects), predicted: predicted,
                                             anomalyScore: score))
            }
        }
        return try LACMetrics(outcomes: outcomes, coarseClass: coarse)
    }
}
