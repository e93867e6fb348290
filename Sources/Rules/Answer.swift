import Annotations

/// The typed answer to one subquery, from the oracle or parsed from a model's output.
public enum Answer: Hashable, Sendable, CustomStringConvertible {
    case count(Int)
    case yesNo(Bool)
    /// A word from the subquery's enum (a colour, a region, a size class).
    case choice(String)
    /// A measured amount, quantized to the subquery's step.
    case level(Double)
    /// The boxes of the parts or cells found.
    case boxes([Box])
    /// The part asked about is not in the image.
    case absent

    /// Whether the answer reports something found: a later subquery that depends on this one is
    /// asked only then (no icon is looked for on a missing label).
    public var isPositive: Bool {
        switch self {
        case .count(let n): return n > 0
        case .yesNo(let b): return b
        case .choice, .level: return true
        case .boxes(let b): return !b.isEmpty
        case .absent: return false
        }
    }

    public var description: String {
        switch self {
        case .count(let n): return String(n)
        case .yesNo(let b): return b ? "yes" : "no"
        case .choice(let s): return s
        case .level(let x): return AttributeValue.number(x).description
        case .boxes(let b): return "\(b.count) box\(b.count == 1 ? "" : "es")"
        case .absent: return "absent"
        }
    }
}

/// The kind of answer a subquery expects.
public enum AnswerType: String, Hashable, Sendable, CustomStringConvertible {
    case count
    case yesNo = "yes/no"
    case choice = "enum"
    case level
    case boxes = "box list"

    public var description: String { rawValue }

    /// Whether `answer` has this type (`absent` fits every type: the part may be missing).
    public func accepts(_ answer: Answer) -> Bool {
        switch (self, answer) {
        case (_, .absent), (.count, .count), (.yesNo, .yesNo), (.choice, .choice), (.level, .level), (.boxes, .boxes):
            return true
        default:
            return false
        }
    }
}

/// A part an answer was read from: the evidence trail shows it with its box.
public struct EvidencePart: Hashable, Sendable {
    public var id: Int
    public var cls: String
    public var box: Box

    public init(id: Int, cls: String, box: Box) { self.id = id; self.cls = cls; self.box = box }
}

/// One step of the evidence trail: a subquery, its answer and the parts that gave it.
public struct SubqueryAnswer: Hashable, Sendable {
    public var subquery: String
    public var answer: Answer
    public var evidence: [EvidencePart]
    /// For a `holds` subquery, the answers its check read, in the check's input order; its step
    /// restates them. Empty for every other subquery.
    public var restated: [Answer]

    public init(subquery: String, answer: Answer, evidence: [EvidencePart], restated: [Answer] = []) {
        self.subquery = subquery; self.answer = answer; self.evidence = evidence; self.restated = restated
    }
}
