/// A condition on an earlier answer for a subquery to be asked: the earlier answer is positive
/// (something was found), or matches a value (`cables: 1`).
public struct Dependency: Hashable, Sendable, CustomStringConvertible {
    public var subquery: String
    public var value: ValuePattern?

    public init(subquery: String, value: ValuePattern? = nil) { self.subquery = subquery; self.value = value }

    func holds(_ answer: Answer) -> Bool { value?.matches(answer) ?? answer.isPositive }

    public var description: String { value.map { "\(subquery) = \($0)" } ?? "\(subquery) found" }
}

/// One atomic question of the plan.
public struct Subquery: Hashable, Sendable {
    public var id: String
    /// Paraphrases of the question; the first is the canonical one.
    public var questions: [String]
    /// The part classes it looks at.
    public var parts: [String]
    public var answerType: AnswerType
    /// The words an enum answer may take (`elsewhere` included for locate questions); empty otherwise.
    public var choices: [String]
    public var dependencies: [Dependency]
    public var observation: Observation
    /// Whether a step lists the boxes of the parts its answer was read from (`boxes: false` in
    /// the rule-book leaves them out: fifteen one-pin compartments would cost 60 location words).
    public var listsBoxes: Bool = true
}

/// A rule-book compiled: the ordered subqueries (every one after those it depends on), the checks
/// over their answers, the fine types with their coarse classes, and which type supersedes which.
public struct Plan: Hashable, Sendable {
    public var category: String
    public var subqueries: [Subquery]
    public var checks: [Check]
    /// Fine types in rule-book order.
    public var types: [String]
    public var coarse: [String: CoarseClass]
    /// type -> the types it suppresses when raised.
    public var supersedes: [String: [String]]
    public var regions: [String: Region]

    public func subquery(_ id: String) -> Subquery? { subqueries.first { $0.id == id } }

    /// The check a `holds` subquery asks about; nil for any other subquery.
    public func heldCheck(of subquery: Subquery) -> Check? {
        guard case .holds(let id) = subquery.observation else { return nil }
        return checks.first { $0.id == id }
    }

    /// The subqueries whose answers a `holds` subquery's step restates, in its check's input
    /// order; empty for any other subquery.
    public func restatedSubqueries(of subquery: Subquery) -> [Subquery] {
        heldCheck(of: subquery)?.inputs.flatMap(\.subqueries).compactMap(self.subquery) ?? []
    }

    /// Whether the subquery is to be asked given the answers so far: each dependency was answered
    /// and holds. Dependencies come earlier in the plan, so answering in order is enough.
    public func isApplicable(_ subquery: Subquery, given answers: [String: Answer]) -> Bool {
        subquery.dependencies.allSatisfy { d in answers[d.subquery].map(d.holds) ?? false }
    }

    /// Evaluates every check over the answers, whatever produced them (the oracle or a parsed
    /// model output), and applies `supersedes` to the raised types. An answer to a subquery whose
    /// dependencies do not hold is ignored, as the oracle would not have asked it.
    public func evaluate(_ answers: [String: Answer]) -> Evaluation {
        var used: [String: Answer] = [:], applicable: [String: Bool] = [:]
        for s in subqueries {
            let asked = isApplicable(s, given: used)
            applicable[s.id] = asked
            if asked, let a = answers[s.id] { used[s.id] = a }
        }
        let outcomes = checks.map { check -> CheckOutcome in
            var o = check.evaluate(used)
            let ids = check.inputs.flatMap(\.subqueries)
            if o.status == .unanswered, ids.contains(where: { applicable[$0] == false }) { o.status = .notApplicable }
            return o
        }
        var raised = Set<String>()
        for o in outcomes { if case .violated(let ts) = o.status { raised.formUnion(ts) } }
        let suppressed = Set(raised.flatMap { supersedes[$0] ?? [] })
        let verdict = types.filter { raised.contains($0) && !suppressed.contains($0) }
        let unanswered = subqueries.filter { applicable[$0.id] == true && used[$0.id] == nil }.map(\.id)
        return Evaluation(outcomes: outcomes, raised: types.filter(raised.contains), types: verdict,
                          coarse: verdict.compactMap { coarse[$0] }, unanswered: unanswered)
    }
}

/// The verdict over a set of answers.
public struct Evaluation: Hashable, Sendable {
    public var outcomes: [CheckOutcome]
    /// Every type a check raised, before `supersedes`.
    public var raised: [String]
    /// The fine types of the verdict, after `supersedes`, in rule-book order.
    public var types: [String]
    /// The coarse class of each type in `types`.
    public var coarse: [CoarseClass]
    /// Subqueries that should have been answered but were not.
    public var unanswered: [String]

    /// Checks that failed in a way the rule-book gives no type for.
    public var unclassified: [String] { outcomes.filter { $0.status == .unclassified }.map(\.check) }

    /// Normal: no type raised and no unclassified failure.
    public var isNormal: Bool { types.isEmpty && unclassified.isEmpty }
}

extension Subquery {
    /// Reads one answer word as this subquery's typed answer: an integer for a count, `yes`/`no`,
    /// one of the enum's words, a number for a level, or `absent`; nil when the word does not fit
    /// (a parsed model output that names no valid answer). Box lists carry boxes, not words, and
    /// are built by the caller.
    public func answer(parsing word: String) -> Answer? {
        if word == "absent" { return .absent }
        switch answerType {
        case .count: return Int(word).flatMap { $0 >= 0 ? .count($0) : nil }
        case .yesNo: return word == "yes" ? .yesNo(true) : word == "no" ? .yesNo(false) : nil
        case .choice: return choices.contains(word) ? .choice(word) : nil
        case .level: return Double(word).flatMap { $0.isFinite ? .level($0) : nil }
        case .boxes: return nil
        }
    }
}
