import Foundation

/// One product's rules as data: its part classes, named regions, subqueries and constraints,
/// compiled into a `Plan`. Parsing refuses a malformed rule-book whole, with the file and line.
///
/// The YAML format (RuleBooks/*.yaml are complete examples):
///
/// ```yaml
/// category: juice_bottle            # the annotations' category name
/// summary: one paragraph            # optional
/// parts:                            # part classes and their attributes
///   bottle: {}
///   liquid: {colour: [yellow, red, white], fill: number}
///   cable: {intact: flag}
///   screw: {length_mm: {sizes: {short: "17..23", long: "31..36", too_long: ">39"}}}
/// regions:                          # a part is in a region when its box centre is
///   left: {parts: compartment, where: {side: left}}      # in one of these part boxes
///   top_zone: {zone: [u0, v0, u1, v1], of: bottle}       # a rectangle of a reference box (or `image`)
///   cells: {grid: [rows, columns], of: image}            # equal cells of a reference box
/// subqueries:                       # compiled in dependency order
///   - id: juice
///     ask: ["What colour is the juice?"]                 # optional paraphrases
///     observe: {attribute: colour, of: liquid}           # see below
///     after: [other_id, {cables: 1}]                     # asked only when these hold
///     boxes: false                                       # the step lists no evidence boxes
/// constraints:
///   - id: fill_band
///     kind: amount                  # count | presence | position | match | size | amount
///     coarse: quantity              # quantity | layout | composition
///     over: fill                    # subqueries; amounts may use sum: [...] or
///                                   # ratio: {numerator: [...], denominator: [...]}
///     normal: "0.72..0.80"          # a value, or a list of alternative tuples
///     cases: [{when: ">0.84", raise: wrong_fill_level_too_much}]   # unordered: true for pairs
///     otherwise: some_type          # raised when neither normal nor a case matches
///   - {id: p, kind: presence, coarse: quantity, over: juice, raise: empty_bottle}  # require: absent
/// supersedes:                       # a raised type removes these from the verdict
///   empty_bottle: [wrong_juice_type]
/// ```
///
/// `observe` forms: `{count: CLASS(ES), in: REGION, where: {ATTR: VALUES}}` (count);
/// `{cells: REGION, count: CLASS, expect: N, report: excess | short}` (count | box list);
/// `{locate: CLASS(ES), among: [REGIONS]}` (enum); `{attribute: ATTR, of: CLASS, where: ...}`
/// (enum, or yes/no for a flag); `{level: ATTR, of: CLASS(ES), in: REGION, step: 0.01}` (level);
/// `{size: ATTR, of: CLASS, where: ..., expect: SIZE}` (enum); `{centred: CLASS, within: CLASS,
/// tolerance: T}` (yes/no); `{holds: CONSTRAINT}`
/// (yes/no: whether that constraint passes over the earlier answers it reads, which the step
/// restates; those subqueries must be in its `after`).
/// Values: a number, a word, `*`, a range `a..b`, or a bound `<x`, `<=x`, `>x`, `>=x`.
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
