/// A fine logical defect type found in an image, with the coarse class its rule-book gives it.
public struct ViolatedType: Codable, Hashable, Sendable {
    /// The LOCO type name, e.g. `missing_fruit_icon`.
    public var type: String
    /// `quantity`, `layout` or `composition`.
    public var coarseClass: String

    public init(type: String, coarseClass: String) {
        self.type = type; self.coarseClass = coarseClass
    }

    enum CodingKeys: String, CodingKey { case type, coarseClass = "coarse_class" }
}
