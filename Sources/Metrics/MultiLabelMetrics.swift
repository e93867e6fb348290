/// Scores of multi-label type predictions: each image carries a set of type names (empty for a
/// good image) and the classifier predicts a set.
public struct MultiLabelMetrics: Codable, Hashable, Sendable {
    /// Counts per type, for every type labelled or predicted on some image (and every type in
    /// `types` given at construction).
    public var perType: [String: BinaryCounts]
    /// Mean F1 over the types present, i.e. labelled on at least one image; 0 when none is.
    public var macroF1: Double
    /// Fraction of images whose predicted set equals the labelled set (good images included).
    public var exactMatch: Double
    /// Fraction of anomalous images (non-empty labelled set) whose predicted set equals the
    /// labelled set; nil when no image is anomalous.
    public var typeAccuracy: Double?

    /// The types that count for `macroF1`, sorted.
    public var presentTypes: [String] { perType.keys.filter { perType[$0]!.support > 0 }.sorted() }

    public init(labelled: [Set<String>], predicted: [Set<String>], types: [String] = []) {
        precondition(labelled.count == predicted.count,
                     "MultiLabelMetrics: \(predicted.count) predicted sets for \(labelled.count) labelled sets")
        var names = Set(types)
        for s in labelled { names.formUnion(s) }
        for s in predicted { names.formUnion(s) }
        var perType: [String: BinaryCounts] = [:]
        for name in names {
            var counts = BinaryCounts()
            for (l, p) in zip(labelled, predicted) { counts.add(predicted: p.contains(name), labelled: l.contains(name)) }
            perType[name] = counts
        }
        self.perType = perType
        let present = perType.values.filter { $0.support > 0 }
        macroF1 = present.isEmpty ? 0 : present.map(\.f1).reduce(0, +) / Double(present.count)
        let matches = zip(labelled, predicted).filter { $0 == $1 }.count
        exactMatch = ratio(matches, labelled.count)
        let anomalous = zip(labelled, predicted).filter { !$0.0.isEmpty }
        typeAccuracy = anomalous.isEmpty ? nil : ratio(anomalous.filter { $0 == $1 }.count, anomalous.count)
    }
}

/// Maps each set of fine types to the set of their coarse classes (quantity, layout,
/// composition), so the same multi-label scores can be computed at the coarse level.
/// Throws `MetricsError.unknownType` for a type that `coarseClass` does not map.
public func coarseSets(_ sets: [Set<String>], coarseClass: [String: String]) throws -> [Set<String>] {
    try sets.map { set in
        Set(try set.map { type in
            guard let c = coarseClass[type] else { throw MetricsError.unknownType(type) }
            return c
        })
    }
}
