import Randomness
import Rules

/// Orders of the steps of a chain-of-thought: the plan's order, or a random order in which every
/// step still comes after the steps it depends on (its dependencies' answers decide whether it
/// is asked at all).
public enum StepOrder {
    /// `ids` (a subset of the plan's subqueries, in plan order) in a random dependency-respecting order.
    public static func shuffled(_ ids: [String], plan: Plan, using rng: inout SeededGenerator) -> [String] {
        let present = Set(ids)
        var waiting: [String: Set<String>] = [:]
        for id in ids {
            let deps = plan.subquery(id)?.dependencies.map(\.subquery) ?? []
            waiting[id] = Set(deps.filter(present.contains))
        }
        var done = Set<String>()
        var order: [String] = []
        while order.count < ids.count {
            let ready = ids.filter { !done.contains($0) && waiting[$0]!.isSubset(of: done) }
            // Dependencies point to earlier subqueries of the plan, so some step is always ready.
            precondition(!ready.isEmpty, "dependency cycle among \(ids.filter { !done.contains($0) })")
            let pick = rng.pick(ready)
            order.append(pick)
            done.insert(pick)
        }
        return order
    }

    /// Whether `order` puts every step after the steps it depends on.
    public static func respectsDependencies(_ order: [String], plan: Plan) -> Bool {
        var position: [String: Int] = [:]
        for (i, id) in order.enumerated() { position[id] = i }
        return order.allSatisfy { id in
            (plan.subquery(id)?.dependencies ?? []).allSatisfy { d in
                position[d.subquery].map { $0 < position[id]! } ?? true
            }
        }
    }
}
