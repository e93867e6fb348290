/// The outcome for one requested image: classified, or an error that names why it was not.
/// A bad image never stops a batch; it becomes a `.failed` entry.
public enum ClassificationEntry: Codable, Hashable, Sendable {
    case classified(ImageClassification)
    case failed(image: String, error: String)

    public var image: String {
        switch self {
        case .classified(let c): return c.image
        case .failed(let image, _): return image
        }
    }

    public var classification: ImageClassification? {
        if case .classified(let c) = self { return c }
        return nil
    }

    enum CodingKeys: String, CodingKey { case status, image, error }

    /// `{"status": "ok", ...the classification}` or `{"status": "error", "image": ..., "error": ...}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .classified(let classification):
            try c.encode("ok", forKey: .status)
            try classification.encode(to: encoder)
        case .failed(let image, let error):
            try c.encode("error", forKey: .status)
            try c.encode(image, forKey: .image)
            try c.encode(error, forKey: .error)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let status = try c.decode(String.self, forKey: .status)
        switch status {
        case "ok": self = .classified(try ImageClassification(from: decoder))
        case "error": self = .failed(image: try c.decode(String.self, forKey: .image),
                                     error: try c.decode(String.self, forKey: .error))
        default:
            throw DecodingError.dataCorruptedError(forKey: .status, in: c,
                                                   debugDescription: "status must be ok or error, got \(status)")
        }
    }
}
