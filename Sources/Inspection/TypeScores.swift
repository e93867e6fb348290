/// Precision, recall and F1 of one fine type, with how many images carry it.
public struct TypeScores: Codable, Hashable, Sendable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var support: Int

    public init(precision: Double, recall: Double, f1: Double, support: Int) {
        self.precision = precision; self.recall = recall; self.f1 = f1; self.support = support
    }
}
