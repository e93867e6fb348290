/// One annotated part instance: what it is, where it is, and what it is like.
public struct Part: Codable, Hashable, Sendable {
    /// Unique within its image.
    public var id: Int
    /// The part class, e.g. `tangerine`, `top_label`, `pushpin` (see docs/annotations.md).
    public var cls: String
    public var box: Box
    /// Outline as `[[x, y], ...]` in pixels, where the box is too coarse (piles, cables, labels).
    public var polygon: [[Double]]?
    public var attributes: [String: AttributeValue]

    public init(id: Int, cls: String, box: Box, polygon: [[Double]]? = nil, attributes: [String: AttributeValue] = [:]) {
        self.id = id; self.cls = cls; self.box = box; self.polygon = polygon; self.attributes = attributes
    }

    enum CodingKeys: String, CodingKey { case id, cls = "class", box, polygon, attributes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        cls = try c.decode(String.self, forKey: .cls)
        box = try c.decode(Box.self, forKey: .box)
        polygon = try c.decodeIfPresent([[Double]].self, forKey: .polygon)
        attributes = try c.decodeIfPresent([String: AttributeValue].self, forKey: .attributes) ?? [:]
    }

    public subscript(attribute name: String) -> AttributeValue? { attributes[name] }
}
