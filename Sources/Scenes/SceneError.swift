/// Why a scene or a synthetic dataset could not be made; each case names the offending value.
public enum SceneError: Error, Equatable, CustomStringConvertible {
    case unknownCategory(String, valid: [String])
    case unknownDefectCase(category: String, types: [String], valid: [String])
    case invalidSize(Int)
    case noVariedScene(String)
    case outputNotEmpty(String)
    case writeFailed(String, String)

    public var description: String {
        switch self {
        case .unknownCategory(let name, let valid):
            return "unknown category '\(name)'; valid categories: \(valid.joined(separator: ", "))"
        case .unknownDefectCase(let category, let types, let valid):
            return "\(category) has no renderable defect case [\(types.joined(separator: ", "))]; valid cases: \(valid.joined(separator: "; "))"
        case .invalidSize(let px):
            return "image size must be between 32 and 4096 pixels on the long side, got \(px)"
        case .noVariedScene(let category):
            return "\(category) has no varied scenes; products with them: \(SceneCategory.variedNames)"
        case .outputNotEmpty(let path):
            return "\(path) already exists and is not empty; pass --overwrite to replace it"
        case .writeFailed(let path, let why):
            return "cannot write \(path): \(why)"
        }
    }
}
