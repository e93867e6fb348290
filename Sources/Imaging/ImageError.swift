/// Why an image could not be read or written; each case names the file where there is one.
public enum ImageError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case empty(String)
    case notAnImage(String)
    case truncated(String, String)
    case tooLarge(String, width: Int, height: Int, limit: Int)
    case unsupported(String, String)
    case encodeFailed(String)
    /// The file exists but cannot be read (a folder, no permission).
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .missing(let p): return "\(p): no such file"
        case .empty(let p): return "\(p): file is empty"
        case .notAnImage(let p): return "\(p): not a PNG or JPEG image"
        case .truncated(let p, let why): return "\(p): truncated or corrupt image (\(why))"
        case .tooLarge(let p, let w, let h, let limit):
            return "\(p): \(w)x\(h) pixels exceeds the limit of \(limit) pixels"
        case .unsupported(let p, let why): return "\(p): unsupported image (\(why))"
        case .encodeFailed(let why): return "PNG encoding failed: \(why)"
        case .unreadable(let p, let why): return "\(p): cannot be read (\(why))"
        }
    }
}
