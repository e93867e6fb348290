import Foundation
import Randomness

/// The image files a model was trained on, kept beside it as `training-images.txt` so that
/// evaluation leaves them out. Images are known by content (FNV-1a of the file's bytes), so a
/// photo is recognised under any path and on any machine. One line per image: the hash in
/// hexadecimal, a tab, the path it was read from (for people; only the hash is compared).
public struct TrainingImages: Sendable {
    public static let fileName = "training-images.txt"

    public private(set) var fingerprints: Set<String>

    /// The content hash of the file at `url`.
    public static func fingerprint(of url: URL) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError.unreadable(url.path, error.localizedDescription)
        }
        return String(data.withUnsafeBytes(FNV1a.hash), radix: 16)
    }

    /// Writes the list of `images` (plus the entries of `inherited`, the list of a model this one
    /// starts from) into the model folder `model`; writes nothing when both are empty.
    public static func write(_ images: [URL], inherited: URL? = nil, model: URL) throws {
        var lines: [String] = []
        if let inherited, FileManager.default.fileExists(atPath: inherited.appendingPathComponent(fileName).path) {
            lines = try String(contentsOf: inherited.appendingPathComponent(fileName), encoding: .utf8)
                .split(separator: "\n").map(String.init)
        }
        var seen = Set(lines.compactMap { $0.split(separator: "\t").first.map(String.init) })
        for url in images {
            let hash = try fingerprint(of: url)
            if seen.insert(hash).inserted { lines.append("\(hash)\t\(url.path)") }
        }
        guard !lines.isEmpty else { return }
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: model.appendingPathComponent(fileName), options: .atomic)
    }

    /// The list kept in the model folder `model`, or nil when it has none (a model trained on renders).
    public static func saved(model: URL?) throws -> TrainingImages? {
        guard let file = model?.appendingPathComponent(fileName), FileManager.default.fileExists(atPath: file.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw DatasetError.unreadable(file.path, error.localizedDescription)
        }
        var fingerprints = Set<String>()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let hash = line.split(separator: "\t", maxSplits: 1).first.map(String.init) ?? ""
            guard !hash.isEmpty, UInt64(hash, radix: 16) != nil else {
                throw DatasetError.malformed(file.path, "line \(number + 1): expected a hexadecimal hash, a tab and a path")
            }
            fingerprints.insert(hash)
        }
        return TrainingImages(fingerprints: fingerprints)
    }

    /// Whether the file at `url` is one of the training images.
    public func contains(_ url: URL) throws -> Bool { fingerprints.contains(try Self.fingerprint(of: url)) }
}
