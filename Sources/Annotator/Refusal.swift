/// Why the annotator will not annotate an image: a finding it could not make with confidence.
/// Refused images get no annotation rather than a wrong one.
public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// No bottle, or one of an implausible shape.
    case noBottle(String)
    /// A label candidate that is neither clearly a label nor clearly absent.
    case uncertainLabel(String)
    /// Juice colour between two juices, or a liquid surface that cannot be placed.
    case uncertainLiquid(String)
    /// An icon that is neither clearly present nor clearly absent, or whose fruit is unclear.
    case uncertainIcon(String)

    public var description: String {
        switch self {
        case .noBottle(let why): return "no bottle: \(why)"
        case .uncertainLabel(let why): return "uncertain label: \(why)"
        case .uncertainLiquid(let why): return "uncertain liquid: \(why)"
        case .uncertainIcon(let why): return "uncertain icon: \(why)"
        }
    }
}
