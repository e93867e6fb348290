import Foundation
import Randomness
import Rules

/// A rule-book file chosen with `--rules` in place of the shipped one of its category, as the
/// checkpoint records it: its path and a hash of its text, so that `--resume` can tell the same
/// rule-book from an edited or different one.
public struct RuleBookChoice: Codable, Equatable, Sendable {
    /// The path as given.
    public var path: String
    /// FNV-1a (64 bit) of the file's text, in hexadecimal.
    public var contentHash: String

    /// Loads the rule-book at `url` (the loader's error for a missing or malformed file).
    public static func load(_ url: URL) throws -> (choice: RuleBookChoice, book: RuleBook) {
        let book = try RuleBook.load(from: url)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw TrainingError.invalidData("cannot read \(url.path): \(error.localizedDescription)")
        }
        return (RuleBookChoice(path: url.path, contentHash: String(FNV1a.hash(text), radix: 16)), book)
    }
}
