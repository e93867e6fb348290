/// The kinds of constraint a rule-book states; each compiles into a check over subquery answers.
public enum ConstraintKind: String, Hashable, Sendable, CaseIterable {
    case count, presence, position, match, size, amount
}

/// The coarse class beside the fine types.
public enum CoarseClass: String, Hashable, Sendable, CaseIterable {
    case quantity, layout, composition
}

/// A value a check compares: one subquery's answer, or an amount derived from level answers.
public enum CheckInput: Hashable, Sendable, CustomStringConvertible {
    case subquery(String)
    case sum([String])
    /// sum(numerator) / sum(denominator).
    case ratio([String], [String])

    public var subqueries: [String] {
        switch self {
        case .subquery(let s): return [s]
        case .sum(let ss): return ss
        case .ratio(let n, let d): return n + d
        }
    }

    public var description: String {
        switch self {
        case .subquery(let s): return s
        case .sum(let ss): return ss.joined(separator: " + ")
        case .ratio(let n, let d): return "(\(n.joined(separator: " + "))) / (\(d.joined(separator: " + ")))"
        }
    }

    /// The input's value; nil when a subquery was not answered; `.absent` when a part it needs is
    /// missing (a ratio needs every pile).
    func value(_ answers: [String: Answer]) -> Answer? {
        guard subqueries.allSatisfy({ answers[$0] != nil }) else { return nil }
        func levels(_ ids: [String]) -> Double? {
            let xs = ids.compactMap { id -> Double? in if case .level(let x)? = answers[id] { return x }; return nil }
            return xs.count == ids.count ? xs.reduce(0, +) : nil
        }
        switch self {
        case .subquery(let s):
            return answers[s]
        case .sum(let ids):
            return levels(ids).map(Answer.level) ?? .absent
        case .ratio(let n, let d):
            guard let a = levels(n), let b = levels(d), b > 0 else { return .absent }
            return .level(a / b)
        }
    }
}

/// One way a check can fail: the input values that match, and the fine types raised.
public struct CheckCase: Hashable, Sendable {
    public var when: [ValuePattern]
    public var raises: [String]
    /// For two inputs, the case also matches with the values swapped (clamp counts 5 and 2).
    public var unordered: Bool

    public init(when: [ValuePattern], raises: [String], unordered: Bool = false) {
        self.when = when; self.raises = raises; self.unordered = unordered
    }

    func matches(_ values: [Answer]) -> Bool {
        if zip(when, values).allSatisfy({ $0.matches($1) }) { return true }
        return unordered && values.count == 2 && zip(when, values.reversed()).allSatisfy { $0.matches($1) }
    }
}

/// A constraint compiled into a test over subquery answers. Presence checks raise when every
/// input is absent (or, with `requireAbsent`, when any is present); the others are evaluated
/// only when every input is present: the values are compared with `normal` (any tuple passes),
/// then with `cases` in order, then `otherwise` raises.
public struct Check: Hashable, Sendable {
    public var id: String
    public var kind: ConstraintKind
    public var coarse: CoarseClass
    public var inputs: [CheckInput]
    public var normal: [[ValuePattern]]
    public var cases: [CheckCase]
    public var otherwise: [String]
    /// Presence checks only: raise when the part is there instead of when it is missing.
    public var requireAbsent: Bool

    public init(id: String, kind: ConstraintKind, coarse: CoarseClass, inputs: [CheckInput],
                normal: [[ValuePattern]] = [], cases: [CheckCase] = [], otherwise: [String] = [],
                requireAbsent: Bool = false) {
        self.id = id; self.kind = kind; self.coarse = coarse; self.inputs = inputs; self.normal = normal
        self.cases = cases; self.otherwise = otherwise; self.requireAbsent = requireAbsent
    }

    /// Every fine type the check can raise, in rule-book order.
    public var types: [String] { cases.flatMap(\.raises) + otherwise }

    public func evaluate(_ answers: [String: Answer]) -> CheckOutcome {
        var values: [Answer] = []
        for input in inputs {
            guard let v = input.value(answers) else {
                return CheckOutcome(check: id, values: values, status: .unanswered)
            }
            values.append(v)
        }
        if kind == .presence {
            let present = values.map(\.isPositive)
            let fails = requireAbsent ? present.contains(true) : !present.contains(true)
            return CheckOutcome(check: id, values: values, status: fails ? .violated(otherwise) : .passed)
        }
        if values.contains(.absent) { return CheckOutcome(check: id, values: values, status: .notApplicable) }
        if normal.contains(where: { CheckCase(when: $0, raises: []).matches(values) }) {
            return CheckOutcome(check: id, values: values, status: .passed)
        }
        if let c = cases.first(where: { $0.matches(values) }) {
            return CheckOutcome(check: id, values: values, status: .violated(c.raises))
        }
        if !otherwise.isEmpty { return CheckOutcome(check: id, values: values, status: .violated(otherwise)) }
        return CheckOutcome(check: id, values: values, status: normal.isEmpty ? .passed : .unclassified)
    }
}

/// The result of one check on one set of answers.
public struct CheckOutcome: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        case passed
        case violated([String])
        /// Not normal, but no case of the rule-book names the values: an anomaly without a type.
        case unclassified
        /// A part the check compares is missing; the presence checks speak for it.
        case notApplicable
        /// A subquery the check needs has no answer.
        case unanswered
    }

    public var check: String
    public var values: [Answer]
    public var status: Status
}
