import Annotations

/// What a zone or grid is laid over: the whole image or the box of a reference part.
public enum RegionReference: Hashable, Sendable, CustomStringConvertible {
    case image
    case part(String)

    func box(in annotation: ImageAnnotation) -> (box: Box, evidence: [EvidencePart])? {
        switch self {
        case .image:
            return (Box(x0: 0, y0: 0, x1: Double(annotation.width), y1: Double(annotation.height)), [])
        case .part(let cls):
            guard let p = annotation.parts(of: cls).min(by: { $0.id < $1.id }) else { return nil }
            return (p.box, [EvidencePart(id: p.id, cls: p.cls, box: p.box)])
        }
    }

    public var description: String {
        switch self {
        case .image: return "image"
        case .part(let c): return c
        }
    }
}

/// A named area of the product: a compartment, the grid cells of a box, a label zone.
/// A part is in a region when the centre of its box lies in one of the region's cells.
public enum RegionShape: Hashable, Sendable {
    /// The boxes of the parts of a class (optionally filtered), one cell each: `compartment` with side left.
    case parts(String, filters: [PartFilter])
    /// A rectangle in coordinates relative to the reference box: u = (x - x0)/w, v = (y - y0)/h.
    case zone(RegionReference, u0: Double, v0: Double, u1: Double, v1: Double)
    /// The reference box cut into rows x columns of equal cells, row by row.
    case grid(RegionReference, rows: Int, columns: Int)
}

/// A region with its name, as the rule-book declares it.
public struct Region: Hashable, Sendable {
    public var name: String
    public var shape: RegionShape

    /// The cells of the region in this image, each with the parts that define it; empty when the
    /// reference part is missing.
    func cells(in annotation: ImageAnnotation) -> [(box: Box, evidence: [EvidencePart])] {
        switch shape {
        case .parts(let cls, let filters):
            return annotation.parts(of: cls)
                .filter { p in filters.allSatisfy { $0.accepts(p) } }
                .sorted { $0.id < $1.id }
                .map { ($0.box, [EvidencePart(id: $0.id, cls: $0.cls, box: $0.box)]) }
        case .zone(let ref, let u0, let v0, let u1, let v1):
            guard let (r, ev) = ref.box(in: annotation) else { return [] }
            return [(Box(x0: r.x0 + u0 * r.width, y0: r.y0 + v0 * r.height,
                         x1: r.x0 + u1 * r.width, y1: r.y0 + v1 * r.height), ev)]
        case .grid(let ref, let rows, let columns):
            guard let (r, ev) = ref.box(in: annotation) else { return [] }
            let w = r.width / Double(columns), h = r.height / Double(rows)
            var cells: [(box: Box, evidence: [EvidencePart])] = []
            for i in 0..<rows {
                for j in 0..<columns {
                    let x0 = r.x0 + Double(j) * w, y0 = r.y0 + Double(i) * h
                    cells.append((Box(x0: x0, y0: y0, x1: x0 + w, y1: y0 + h), ev))
                }
            }
            return cells
        }
    }

    func contains(_ part: Part, cells: [(box: Box, evidence: [EvidencePart])]) -> Bool {
        cells.contains { $0.box.contains(x: part.box.centerX, y: part.box.centerY) }
    }
}
