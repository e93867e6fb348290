/// One renderable defect case: the set of LOCO types one image carries (one type, or several
/// for cases such as a pushpin moved to its neighbour). Empty for a normal image.
public struct DefectCase: Hashable, Sendable, CustomStringConvertible {
    /// The types, sorted.
    public let types: [String]

    public init(_ types: [String]) { self.types = types.sorted() }

    public static let normal = DefectCase([])

    public var isNormal: Bool { types.isEmpty }
    public var description: String { isNormal ? "good" : types.joined(separator: "+") }
}
