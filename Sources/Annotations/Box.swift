/// An axis-aligned box in image pixels: x grows right, y grows down; `x1 > x0`, `y1 > y0`.
public struct Box: Codable, Hashable, Sendable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var area: Double { max(0, width) * max(0, height) }
    public var centerX: Double { (x0 + x1) / 2 }
    public var centerY: Double { (y0 + y1) / 2 }

    /// Whether the point lies inside the box (edges included).
    public func contains(x: Double, y: Double) -> Bool {
        x >= x0 && x <= x1 && y >= y0 && y <= y1
    }

    /// Intersection over union; 0 when the boxes do not overlap.
    public func iou(_ other: Box) -> Double {
        let ix = max(0, min(x1, other.x1) - max(x0, other.x0))
        let iy = max(0, min(y1, other.y1) - max(y0, other.y0))
        let inter = ix * iy
        let union = area + other.area - inter
        return union > 0 ? inter / union : 0
    }

    /// Stored as `[x0, y0, x1, y1]`, the order detection tools use.
    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        x0 = try c.decode(Double.self); y0 = try c.decode(Double.self)
        x1 = try c.decode(Double.self); y1 = try c.decode(Double.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(x0); try c.encode(y0); try c.encode(x1); try c.encode(y1)
    }
}
