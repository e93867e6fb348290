/// Why classification, reporting or evaluation could not proceed; each case names what was wrong.
public enum InspectionError: Error, Equatable, CustomStringConvertible {
    case modelNotFound(String)
    case unknownCategory(String, known: [String])
    case unwritable(String, String)
    case datasetEmpty(String)
    case generationFailed(String)

    public var description: String {
        switch self {
        case .modelNotFound(let why): return "model not found: \(why)"
        case .unknownCategory(let name, let known):
            return "unknown category \(name); known: \(known.joined(separator: ", "))"
        case .unwritable(let path, let why): return "cannot write \(path): \(why)"
        case .datasetEmpty(let why): return "nothing to evaluate: \(why)"
        case .generationFailed(let why): return "generation failed: \(why)"
        }
    }
}
