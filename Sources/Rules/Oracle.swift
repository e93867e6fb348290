import Annotations

/// Answers a plan's subqueries from an image's annotations and evaluates the checks: the true
/// violations of the image, with the evidence trail that proves them.
public struct Oracle: Sendable {
    public let plan: Plan

    public init(plan: Plan) { self.plan = plan }

    /// The answers in plan order, skipping subqueries whose dependencies do not hold.
    public func answers(for annotation: ImageAnnotation) -> [SubqueryAnswer] {
        var trail: [SubqueryAnswer] = []
        var answered: [String: Answer] = [:]
        for s in plan.subqueries where plan.isApplicable(s, given: answered) {
            if let check = plan.heldCheck(of: s) {
                trail.append(held(s, check, answered: answered, trail: trail))
            } else {
                let (answer, evidence) = s.observation.answer(in: annotation, regions: plan.regions)
                trail.append(SubqueryAnswer(subquery: s.id, answer: answer, evidence: evidence))
            }
            answered[s.id] = trail[trail.count - 1].answer
        }
        return trail
    }

    /// A `holds` subquery's answer: yes when its check passes over the answers so far, no when it
    /// fails, absent when the check cannot be judged (a part it compares is missing); the
    /// answers it read are restated and their parts are its evidence.
    private func held(_ s: Subquery, _ check: Check, answered: [String: Answer], trail: [SubqueryAnswer]) -> SubqueryAnswer {
        let inputs = plan.restatedSubqueries(of: s).map(\.id)
        let answer: Answer
        switch check.evaluate(answered).status {
        case .passed: answer = .yesNo(true)
        case .violated, .unclassified: answer = .yesNo(false)
        case .notApplicable, .unanswered: answer = .absent
        }
        let evidence = trail.filter { inputs.contains($0.subquery) }.flatMap(\.evidence)
        return SubqueryAnswer(subquery: s.id, answer: answer, evidence: evidence,
                              restated: answer == .absent ? [] : inputs.compactMap { answered[$0] })
    }

    public func run(_ annotation: ImageAnnotation, path: String = "") throws -> OracleResult {
        guard annotation.category == plan.category else {
            throw RulesError.categoryMismatch(annotation: path.isEmpty ? annotation.image : path,
                                              annotationCategory: annotation.category, ruleBookCategory: plan.category)
        }
        let trail = answers(for: annotation)
        let evaluation = plan.evaluate(Dictionary(uniqueKeysWithValues: trail.map { ($0.subquery, $0.answer) }))
        return OracleResult(trail: trail, evaluation: evaluation)
    }
}

/// The oracle's verdict on one image and the steps behind it.
public struct OracleResult: Hashable, Sendable {
    /// Subquery, answer and the parts (with boxes) used, in plan order.
    public var trail: [SubqueryAnswer]
    public var evaluation: Evaluation

    /// The violated fine types after `supersedes`.
    public var types: [String] { evaluation.types }
}
