/// Counts of (labelled, predicted) pairs of class names: `counts[i][j]` images labelled
/// `classes[i]` were predicted as `classes[j]`. Multi-label sets enter through `caseName(of:)`.
public struct ConfusionMatrix: Codable, Hashable, Sendable {
    /// Every class labelled or predicted, sorted.
    public var classes: [String]
    public var counts: [[Int]]

    public init(labelled: [String], predicted: [String]) {
        precondition(labelled.count == predicted.count,
                     "ConfusionMatrix: \(predicted.count) predictions for \(labelled.count) labels")
        classes = Set(labelled + predicted).sorted()
        var index: [String: Int] = [:]
        for (i, c) in classes.enumerated() { index[c] = i }
        counts = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
        for (l, p) in zip(labelled, predicted) { counts[index[l]!][index[p]!] += 1 }
    }

    /// The count of images labelled `labelled` and predicted `predicted` (0 for unseen names).
    public func count(labelled: String, predicted: String) -> Int {
        guard let i = classes.firstIndex(of: labelled), let j = classes.firstIndex(of: predicted) else { return 0 }
        return counts[i][j]
    }

    /// The name of a set of types as one class: "good" when empty, else the sorted types joined
    /// by "+" (the renderer's name of a defect case).
    public static func caseName(of types: Set<String>) -> String {
        types.isEmpty ? "good" : types.sorted().joined(separator: "+")
    }
}
