import Randomness
import Rules

/// The wording choices of one chain-of-thought: the prompt template, the step order and each
/// step's phrasing. Canonical = first prompt, plan order, first template, subject as id.
public struct CoTPhrasing: Hashable, Sendable {
    public var prompt: Int
    /// Subquery ids in the order to write them; nil for plan order.
    public var order: [String]?
    /// Per subquery id; a subquery not listed is written canonically.
    public var steps: [String: StepPhrasing]

    public init(prompt: Int = 0, order: [String]? = nil, steps: [String: StepPhrasing] = [:]) {
        self.prompt = prompt; self.order = order; self.steps = steps
    }

    public static let canonical = CoTPhrasing()

    /// Random wording for the steps `ids` of `plan`: a template and subject form per step and a
    /// dependency-respecting order.
    public static func random(for ids: [String], plan: Plan, using rng: inout SeededGenerator) -> CoTPhrasing {
        var steps: [String: StepPhrasing] = [:]
        for id in ids {
            guard let s = plan.subquery(id) else { continue }
            let n = StepTemplate.templates(for: s).count
            steps[id] = StepPhrasing(template: Int(rng.next() % UInt64(n)),
                                     subject: rng.next() % 2 == 0 ? .id : .spelled)
        }
        let order = StepOrder.shuffled(ids, plan: plan, using: &rng)
        return CoTPhrasing(prompt: Int(rng.next() % UInt64(StepTemplate.inspectionPrompts.count)), order: order, steps: steps)
    }
}
