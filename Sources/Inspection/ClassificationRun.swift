import Foundation

/// The result of classifying a batch of images of one category: what `classify --json` prints.
public struct ClassificationRun: Codable, Hashable, Sendable {
    public var category: String
    /// The model directory used.
    public var model: String
    public var entries: [ClassificationEntry]

    public init(category: String, model: String, entries: [ClassificationEntry]) {
        self.category = category; self.model = model; self.entries = entries
    }

    public var classifications: [ImageClassification] { entries.compactMap(\.classification) }
    public var failureCount: Int { entries.count - classifications.count }

    enum CodingKeys: String, CodingKey { case category, model, images, failed }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(category, forKey: .category)
        try c.encode(model, forKey: .model)
        try c.encode(entries, forKey: .images)
        try c.encode(failureCount, forKey: .failed)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        category = try c.decode(String.self, forKey: .category)
        model = try c.decode(String.self, forKey: .model)
        entries = try c.decode([ClassificationEntry].self, forKey: .images)
    }

    /// Pretty, key-sorted JSON: the same run always gives the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
