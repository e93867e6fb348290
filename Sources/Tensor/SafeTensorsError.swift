/// Why a safetensors file could not be written or read.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// The file ends before the header or the data it announces.
    case truncated(path: String, detail: String)
    /// The file holds bytes past the last tensor.
    case oversized(path: String, extraBytes: Int)
    case malformedHeader(path: String, detail: String)
    case unsupportedDType(path: String, tensor: String, dtype: String)
    case missingTensor(path: String, tensor: String)
    case unexpectedTensor(path: String, tensor: String)
    case shapeMismatch(path: String, tensor: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "cannot read \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .truncated(path, detail): return "\(path) is truncated: \(detail)"
        case let .oversized(path, extra): return "\(path) has \(extra) unexpected bytes after the last tensor"
        case let .malformedHeader(path, detail): return "\(path) has a malformed safetensors header: \(detail)"
        case let .unsupportedDType(path, tensor, dtype): return "\(path): tensor '\(tensor)' has dtype \(dtype); only F32 is supported"
        case let .missingTensor(path, tensor): return "\(path) has no tensor named '\(tensor)'"
        case let .unexpectedTensor(path, tensor): return "\(path) holds tensor '\(tensor)', which the model does not have"
        case let .shapeMismatch(path, tensor, expected, found):
            return "\(path): tensor '\(tensor)' has shape \(describe(found)) but \(describe(expected)) was expected"
        }
    }
}
