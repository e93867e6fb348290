import Annotations
import Foundation
import Imaging
import Instruct
import Rules

/// A sample drawn for training: the instruction text and the image it is about.
public struct DrawnSample: Sendable {
    public var sample: InstructionSample
    public var image: RGBImage
    /// The grounding annotation of `image` (as augmented), for the part-map targets; nil when the
    /// source has none (samples read from JSONL).
    public var annotation: ImageAnnotation? = nil
}

/// Where training samples come from. Samples are grouped into units for the resampler: defect
/// cases (`<category>/<case>`, the case being `good` or its types joined by `+`) for full
/// inspections, and subquery types (`<category>/<subquery>`) for single-subquery samples. A draw
/// depends only on the unit and the seed, so the data order is reproducible.
public protocol TrainingSource: Sendable {
    /// Defect-case units and how often each occurs in the data (equal for renders).
    var caseUnits: [String] { get }
    var caseFrequencies: [Double] { get }
    /// Subquery units that single-subquery samples can be drawn for, with their frequencies.
    var subqueryUnits: [String] { get }
    var subqueryFrequencies: [Double] { get }
    /// The image files the samples are read from (none for renders made on the fly); the
    /// trained model lists them so that evaluation leaves them out (`TrainingImages`).
    var imageFiles: [URL] { get }
    /// The full inspection sample of a case unit.
    func inspection(caseUnit: Int, seed: UInt64) throws -> DrawnSample
    /// A single-subquery sample of a subquery unit.
    func subquerySample(subqueryUnit: Int, seed: UInt64) throws -> DrawnSample
}

/// Unit names shared by every source.
public enum TrainingUnit {
    public static func caseUnit(category: String, defects: [String]) -> String {
        "\(category)/\(defects.isEmpty ? "good" : defects.sorted().joined(separator: "+"))"
    }

    public static func subqueryUnit(category: String, subquery: String) -> String { "\(category)/\(subquery)" }
}

/// The synthesizer of each category, keyed by category name: from `ruleBook` for its category,
/// from the shipped rule-book for the others. A `ruleBook` of a category outside `categories`
/// is an error (it would silently change nothing).
func synthesizers(for categories: [String], paraphrase: Bool, ruleBook: RuleBook?) throws -> [String: InstructionSynthesizer] {
    if let ruleBook, !categories.contains(ruleBook.category) {
        throw TrainingError.invalidData("the rule-book \(ruleBook.file) is for \(ruleBook.category), which the data does not hold (it holds \(categories.joined(separator: ", ")))")
    }
    var result: [String: InstructionSynthesizer] = [:]
    for category in categories {
        let book = ruleBook?.category == category ? ruleBook! : try RuleBook.bundled(category)
        result[category] = InstructionSynthesizer(plan: book.plan, paraphrase: paraphrase)
    }
    return result
}
