import Foundation

/// One product's rules as data: its part classes, named regions, subqueries and constraints,
/// compiled into a `Plan`. Parsing refuses a malformed rule-book whole, with the file and line.
public struct RuleBook: Hashable, Sendable {
    public var category: String
    public var summary: String
    public var parts: [PartClass]
    public var plan: Plan
    /// Where it was read from (a file path or `<bundled>/name.yaml`).
    public var file: String

    public init(yaml: String, file: String) throws {
        self = try RuleBookParser(file: file).parse(yaml)
    }

    init(category: String, summary: String, parts: [PartClass], plan: Plan, file: String) {
        self.category = category; self.summary = summary; self.parts = parts; self.plan = plan; self.file = file
    }

    /// Reads a rule-book from a file (a new product line needs no code, only this file).
    public static func load(from url: URL) throws -> RuleBook {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RulesError.unreadableRuleBook(url.path, error.localizedDescription)
        }
        return try RuleBook(yaml: text, file: url.path)
    }

    private static var bundledDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("RuleBooks")
    }

    /// The rule-books shipped with LogiCls, by category name.
    public static var bundledCategories: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: bundledDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The shipped rule-book of a category; an unknown name lists the known ones.
    public static func bundled(_ category: String) throws -> RuleBook {
        guard bundledCategories.contains(category) else { throw RulesError.unknownCategory(category, known: bundledCategories) }
        let url = bundledDirectory.appendingPathComponent("\(category).yaml")
        let book = try load(from: url)
        guard book.category == category else {
            throw RuleBookError(file: url.path, line: 0, message: "declares category '\(book.category)' but is named \(category).yaml")
        }
        return book
    }
}
