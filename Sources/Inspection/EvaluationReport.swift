import Foundation

/// What `eval` reports: every category's evaluation and the mean of their scores.
public struct EvaluationReport: Codable, Hashable, Sendable {
    public var categories: [String: CategoryEvaluation]
    public var mean: LACScores

    public init(categories: [String: CategoryEvaluation]) {
        self.categories = categories
        self.mean = LACScores.mean(categories.keys.sorted().map { categories[$0]!.scores })
    }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// One row per category and a mean row; undefined scores show as `n/a`.
    public func markdownTable() -> String {
        let header = ["category", "images"] + LACScores.titles
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
        func cells(_ scores: LACScores) -> [String] {
            scores.values.map { $0.map { String(format: "%.3f", $0) } ?? "n/a" }
        }
        for name in categories.keys.sorted() {
            let c = categories[name]!
            let count = c.failed > 0 ? "\(c.images) (\(c.failed) failed)" : "\(c.images)"
            lines.append("| " + ([name, count] + cells(c.scores)).joined(separator: " | ") + " |")
        }
        let total = categories.values.reduce(0) { $0 + $1.images }
        lines.append("| " + (["**mean**", "\(total)"] + cells(mean)).joined(separator: " | ") + " |")
        return lines.joined(separator: "\n") + "\n"
    }
}
