import Annotations

/// The declared kind of a part attribute; it decides what a subquery reading it answers.
public enum AttributeKind: Hashable, Sendable {
    /// One of a fixed set of words or numbers (`colour: [yellow, red, white]`, `clamps: [2, 3, 5]`).
    case choice([String])
    /// A number read as a level (`fill`, `coverage`).
    case number
    /// true / false, read as yes / no.
    case flag
    /// A number sorted into named size classes (`length_mm` of a screw).
    case sizes(SizeScale)
}

/// Named size classes of a numeric attribute, each a range; a value in a gap between two
/// classes belongs to the nearest one.
public struct SizeScale: Hashable, Sendable {
    public var classes: [(name: String, range: ValuePattern)]

    public init(classes: [(name: String, range: ValuePattern)]) { self.classes = classes }

    public var names: [String] { classes.map(\.name) }

    public func classify(_ x: Double) -> String {
        var best = classes[0]
        var bestDistance = Double.infinity
        for c in classes {
            let d = c.range.distance(to: x)
            if d < bestDistance { best = c; bestDistance = d }
        }
        return best.name
    }

    public static func == (a: SizeScale, b: SizeScale) -> Bool {
        a.classes.map(\.name) == b.classes.map(\.name) && a.classes.map(\.range) == b.classes.map(\.range)
    }

    public func hash(into h: inout Hasher) {
        for c in classes { h.combine(c.name); h.combine(c.range) }
    }
}

/// A part class of the product and its attributes.
public struct PartClass: Hashable, Sendable {
    public var name: String
    public var attributes: [String: AttributeKind]

    public init(name: String, attributes: [String: AttributeKind]) { self.name = name; self.attributes = attributes }
}

/// Keeps the parts whose attribute takes one of the accepted values (for a sized attribute: one
/// of the accepted size classes).
public struct PartFilter: Hashable, Sendable {
    public var attribute: String
    public var accepted: [String]
    public var scale: SizeScale?
    /// The value of a part that lacks the attribute, if any: `yes` for a flag, which an annotation
    /// written before the flag existed leaves out for a part that is as it should be.
    public var unset: String?

    func accepts(_ part: Part) -> Bool {
        guard let value = part[attribute: attribute] else { return unset.map(accepted.contains) ?? false }
        if let scale {
            guard let x = value.numberValue else { return false }
            return accepted.contains(scale.classify(x))
        }
        return accepted.contains(value.description)
    }
}
