import Rules

/// One phrasing of a step: literal words around the slots, the subquery's subject, the evidence
/// boxes it used (or, for a `holds` subquery, the answers it restates), and its answer. The
/// parser matches the same templates, so every phrasing reads back to the same answer.
public struct StepTemplate: Hashable, Sendable, CustomStringConvertible {
    public enum Piece: Hashable, Sendable {
        case word(String)
        /// The subquery, as its id or as the id's words (`SubjectForm`).
        case subject
        /// The boxes of the parts the answer was read from (none when the answer is a box list).
        case evidence
        /// The earlier answers a `holds` subquery's check reads, one word each.
        case restated
        case answer
    }

    public let pieces: [Piece]

    /// Reads `{s}`, `{b}`, `{v}`, `{a}` as the slots and every other word as a literal.
    init(_ text: String) {
        pieces = text.split(separator: " ").map { w in
            switch w {
            case "{s}": return .subject
            case "{b}": return .evidence
            case "{v}": return .restated
            case "{a}": return .answer
            default: return .word(String(w))
            }
        }
    }

    public var literals: [String] { pieces.compactMap { if case .word(let w) = $0 { return w }; return nil } }

    public var description: String {
        pieces.map { p in
            switch p {
            case .word(let w): return w
            case .subject: return "{s}"
            case .evidence: return "{b}"
            case .restated: return "{v}"
            case .answer: return "{a}"
            }
        }.joined(separator: " ")
    }

    /// The phrasings of a step per answer type; the first is the canonical one.
    public static func templates(for type: AnswerType) -> [StepTemplate] {
        switch type {
        case .count: return ["{s} {b} -> {a}", "{s} : {a} {b}", "count {s} {b} = {a}"].map(StepTemplate.init)
        case .yesNo: return ["{s} {b} -> {a}", "{s} ? {a} {b}", "check {s} {b} : {a}"].map(StepTemplate.init)
        case .choice: return ["{s} {b} -> {a}", "{s} is {a} {b}", "{s} : {a} {b}"].map(StepTemplate.init)
        case .level: return ["{s} {b} -> {a}", "{s} = {a} {b}", "measure {s} {b} : {a}"].map(StepTemplate.init)
        case .boxes: return ["{s} -> {a}", "{s} : {a}", "find {s} = {a}"].map(StepTemplate.init)
        }
    }

    /// The phrasings of a `holds` step: the answers it restates take the place of evidence boxes.
    static let restating = ["{s} {v} -> {a}", "{s} : {v} ? {a}", "check {s} {v} : {a}"].map(StepTemplate.init)

    /// The phrasings of the subquery's steps; the first is the canonical one.
    public static func templates(for subquery: Subquery) -> [StepTemplate] {
        if case .holds = subquery.observation { return restating }
        return templates(for: subquery.answerType)
    }

    /// Prompts of a full inspection; `{c}` is the category.
    static let inspectionPrompts = ["inspect {c}", "check {c}", "is {c} normal ?"]
    /// Prompts of a single-subquery sample in the native style.
    static let subqueryPrompts = ["{c} {s} ?", "ask {s} of {c}", "{c} : {s}"]
}

/// How a step names its subquery: the id as one word (`top_label_zone`) or spelled as the id's
/// words (`top label zone`).
public enum SubjectForm: String, Hashable, Sendable, CaseIterable, Codable {
    case id
    case spelled

    public func words(_ subqueryID: String) -> [String] {
        switch self {
        case .id: return [subqueryID]
        case .spelled: return subqueryID.split(separator: "_").map(String.init)
        }
    }
}

/// The phrasing chosen for one step.
public struct StepPhrasing: Hashable, Sendable {
    public var template: Int
    public var subject: SubjectForm

    public init(template: Int = 0, subject: SubjectForm = .id) { self.template = template; self.subject = subject }

    public static let canonical = StepPhrasing()
}

/// Words with a fixed role in every chain-of-thought.
public enum CoTWords {
    public static let newline = "\n"
    public static let verdict = "verdict:"
    public static let normal = "normal"
    public static let absent = "absent"
    /// An empty box list.
    public static let none = "none"
    public static let yes = "yes"
    public static let no = "no"
}
