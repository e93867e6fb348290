import Annotations
import Rules

/// One step read back from a response.
public struct ParsedStep: Hashable, Sendable {
    public var subquery: String
    public var answer: Answer
    /// The evidence boxes the step listed, in pixels (bin centres for location words).
    public var evidence: [Box]
    /// The 0-based line of the response it was read from.
    public var line: Int
}

/// What a response says: the answers it gives, the verdict it states, and what could not be read.
public struct ParsedResponse: Hashable, Sendable {
    /// Steps in response order, one per subquery (the first when a subquery is answered twice).
    public var steps: [ParsedStep]
    /// The types of the verdict line (empty for `verdict: normal`); nil when there is no readable verdict line.
    public var verdict: [String]?
    /// Words of the verdict line that are not types of the plan.
    public var unknownVerdictWords: [String]
    /// Subqueries that should have been answered given the answers read (their dependencies hold)
    /// but have no readable step, in plan order.
    public var missing: [String]
    /// Subqueries answered more than once (the later steps are ignored).
    public var repeated: [String]
    /// 0-based indices of non-blank lines that are neither a step nor the verdict.
    public var unreadLines: [Int]

    /// The answers by subquery id, what `Plan.evaluate` takes.
    public var answers: [String: Answer] {
        Dictionary(steps.map { ($0.subquery, $0.answer) }, uniquingKeysWith: { first, _ in first })
    }
}
