import Foundation

/// The grounding annotation of one image: its labels and every part instance in it.
/// Stored as JSON beside the image (see docs/annotations.md for the layout and vocabulary).
public struct ImageAnnotation: Codable, Hashable, Sendable {
    public var category: String
    /// `train`, `validation` or `test`.
    public var split: String
    /// `good`, `logical_anomalies` or `structural_anomalies` (the LOCO folder name).
    public var label: String
    /// The image path relative to the category folder, e.g. `test/logical_anomalies/003.png`.
    public var image: String
    public var width: Int
    public var height: Int
    /// Fine LOCO defect types, sorted; empty for a normal image.
    public var defects: [String]
    public var parts: [Part]

    public init(category: String, split: String, label: String, image: String, width: Int, height: Int,
                defects: [String], parts: [Part]) {
        self.category = category; self.split = split; self.label = label; self.image = image
        self.width = width; self.height = height; self.defects = defects.sorted(); self.parts = parts
    }

    public func parts(of cls: String) -> [Part] { parts.filter { $0.cls == cls } }

    /// Deterministic JSON (sorted keys) so the same scene always gives the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(self)
    }

    public static func load(from url: URL) throws -> ImageAnnotation {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AnnotationError.unreadable(url.path, error.localizedDescription)
        }
        do { return try JSONDecoder().decode(ImageAnnotation.self, from: data) } catch {
            throw AnnotationError.malformed(url.path, String(describing: error))
        }
    }
}

public enum AnnotationError: Error, CustomStringConvertible, Equatable {
    case unreadable(String, String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .unreadable(let p, let why): return "cannot read annotation \(p): \(why)"
        case .malformed(let p, let why): return "malformed annotation \(p): \(why)"
        }
    }
}
