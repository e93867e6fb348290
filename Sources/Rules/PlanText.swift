extension Check {
    /// One line per way the check fails, e.g. `[nectarines, tangerines] = [2, 1] -> 2_nectarines_1_tangerine`.
    public var readableRules: [String] {
        let over = inputs.count == 1 ? inputs[0].description : "[\(inputs.map(\.description).joined(separator: ", "))]"
        func tuple(_ ps: [ValuePattern]) -> String { ps.count == 1 ? ps[0].description : "[\(ps.map(\.description).joined(separator: ", "))]" }
        if kind == .presence {
            return ["\(over) \(requireAbsent ? "present" : "absent") -> \(otherwise.joined(separator: ", "))"]
        }
        // `fill > 0.84`, `fill in 0.72..0.8`, `[a, b] = [2, 1]`.
        func condition(_ ps: [ValuePattern]) -> String {
            guard ps.count == 1, case .range(let lo, _, let hi, _) = ps[0] else { return "\(over) = \(tuple(ps))" }
            return lo != nil && hi != nil ? "\(over) in \(ps[0])" : "\(over) \(ps[0])"
        }
        var lines: [String] = []
        if normal.count == 1 { lines.append("normal: \(condition(normal[0]))") }
        if normal.count > 1 { lines.append("normal: \(over) = \(normal.map(tuple).joined(separator: " or "))") }
        for c in cases {
            lines.append("\(condition(c.when))\(c.unordered ? " (either order)" : "") -> \(c.raises.joined(separator: ", "))")
        }
        if !otherwise.isEmpty { lines.append("otherwise -> \(otherwise.joined(separator: ", "))") }
        return lines
    }
}

extension Plan {
    /// The plan as a person reads it: the subqueries in order with their questions, answer
    /// types, parts and dependencies; the checks; the types with coarse classes and supersedes.
    public var readableText: String {
        var out = ["plan for \(category): \(subqueries.count) subqueries, \(checks.count) checks, \(types.count) defect types", "", "subqueries:"]
        for (i, s) in subqueries.enumerated() {
            let choices = s.choices.isEmpty ? "" : " (\(s.choices.joined(separator: " | ")))"
            out.append("  \(i + 1). \(s.id): \(s.answerType)\(choices)")
            out.append("     asks:  \(s.questions.joined(separator: " / "))")
            out.append("     looks: \(s.parts.joined(separator: ", "))")
            if let check = heldCheck(of: s) {
                out.append("     holds: \(check.id), restating \(restatedSubqueries(of: s).map(\.id).joined(separator: ", "))")
            }
            if !s.dependencies.isEmpty {
                // A yes/no answer holds when it is yes; any other holds when something was found.
                let conditions = s.dependencies.map { d in
                    d.value == nil && subquery(d.subquery)?.answerType == .yesNo ? "\(d.subquery) = yes" : d.description
                }
                out.append("     after: \(conditions.joined(separator: ", "))")
            }
        }
        out += ["", "checks:"]
        for c in checks {
            out.append("  \(c.id) [\(c.kind.rawValue), \(c.coarse.rawValue)]")
            out += c.readableRules.map { "     " + $0 }
        }
        out += ["", "defect types:"]
        for t in types {
            let sup = supersedes[t].map { "  supersedes \($0.joined(separator: ", "))" } ?? ""
            out.append("  \(t) (\(coarse[t]!.rawValue))\(sup)")
        }
        return out.joined(separator: "\n")
    }
}
