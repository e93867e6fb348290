/// Errors from metrics over user data.
public enum MetricsError: Error, Equatable, CustomStringConvertible {
    /// A defect type with no coarse class in the mapping that was given.
    case unknownType(String)

    public var description: String {
        switch self {
        case .unknownType(let name): return "defect type '\(name)' has no coarse class in the rule-books"
        }
    }
}
