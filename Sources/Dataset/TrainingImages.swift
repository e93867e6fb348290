import Foundation
import Randomness

/// The image files a model was trained on, kept beside it as `training-images.txt` so that
/// evaluation leaves them out. Images are known by content (FNV-1a of the file's bytes), so a
/// photo is recognised under any path and on any machine. One line per image: the hash in
/// hexadecimal, a tab, the path it was read from (for people; only the hash is compared).
public struct TrainingImages: Sendable {
    public static let fileName = "training-images.txt"

    /// A training image: its content hash and the path it was read from.
    public struct Entry: Hashable, Sendable {
        public var fingerprint: String
        public var path: String
    }

    /// The training images in listing order.
    public private(set) var entries: [Entry] = []
    public private(set) var fingerprints: Set<String> = []

    /// The content hash of the file at `url`.
    public static func fingerprint(of url: URL) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError.unreadable(url.path, error.localizedDescription)
        }
        return String(data.withUnsafeBytes(FNV1a.hash), radix: 16)
    }

    /// Adds an image unless one with the same content is listed.
    private mutating func add(_ fingerprint: String, path: String) {
        if fingerprints.insert(fingerprint).inserted { entries.append(Entry(fingerprint: fingerprint, path: path)) }
    }

    /// Writes the list of `images` (after the entries of `inherited`, the folder of a model this
    /// one starts from) into the model folder `model`; writes nothing when both are empty.
    public static func write(_ images: [URL], inherited: URL? = nil, model: URL) throws {
        var list = try saved(model: inherited) ?? TrainingImages()
        for url in images { list.add(try fingerprint(of: url), path: url.path) }
        guard !list.entries.isEmpty else { return }
        let text = list.entries.map { "\($0.fingerprint)\t\($0.path)\n" }.joined()
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: model.appendingPathComponent(fileName), options: .atomic)
    }

    /// The list kept in the model folder `model`, or nil when it has none (a model trained on renders).
    public static func saved(model: URL?) throws -> TrainingImages? {
        guard let file = model?.appendingPathComponent(fileName), FileManager.default.fileExists(atPath: file.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw DatasetError.unreadable(file.path, error.localizedDescription)
        }
        var list = TrainingImages()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard let hash = fields.first.map(String.init), UInt64(hash, radix: 16) != nil else {
                throw DatasetError.malformed(file.path, "line \(number + 1): expected a hexadecimal hash, a tab and a path")
            }
            list.add(hash, path: fields.count > 1 ? String(fields[1]) : "")
        }
        return list
    }

    /// Whether the file at `url` is one of the training images.
    public func contains(_ url: URL) throws -> Bool { fingerprints.contains(try Self.fingerprint(of: url)) }
}
