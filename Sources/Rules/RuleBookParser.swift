/// Reads a rule-book from composed YAML nodes and checks every name it uses, so that the plan
/// built from it cannot refer to anything undefined. Each error carries the line of the entry
/// that is wrong.
struct RuleBookParser {
    let file: String

    private typealias Reader = YAMLReader

    func parse(_ text: String) throws -> RuleBook {
        let root = try Reader.compose(text, file: file)
        let top = try root.fields("the rule-book", allowed: ["category", "summary", "parts", "regions", "subqueries", "constraints", "supersedes"])
        let category = try top.required("category").string("category")
        let summary = try top["summary"]?.string("summary") ?? ""
        let parts = try parseParts(top.required("parts"))
        let partsByName = Dictionary(uniqueKeysWithValues: parts.map { ($0.name, $0) })
        let regions = try parseRegions(top["regions"], parts: partsByName)
        let subqueries = try parseSubqueries(top.required("subqueries"), parts: partsByName, regions: regions)
        let ordered = try order(subqueries)
        let byId = Dictionary(uniqueKeysWithValues: ordered.map { ($0.subquery.id, $0.subquery) })
        var typeLines: [String: Int] = [:]
        var types: [String] = []
        var coarse: [String: CoarseClass] = [:]
        var checks: [Check] = []
        for node in try top.required("constraints").sequence("constraints") {
            var raised: [(type: String, line: Int)] = []
            let check = try parseConstraint(node, subqueries: byId, raised: &raised)
            guard !checks.contains(where: { $0.id == check.id }) else { throw node.error("constraint id '\(check.id)' used twice") }
            for (t, line) in raised {
                if let first = typeLines[t] {
                    throw RuleBookError(file: file, line: line, message: "defect type '\(t)' used twice (first at line \(first))")
                }
                typeLines[t] = line; types.append(t); coarse[t] = check.coarse
            }
            checks.append(check)
        }
        guard !checks.isEmpty else { throw try top.required("constraints").error("a rule-book needs at least one constraint") }
        let subqueriesWithHolds = try resolveHolds(ordered, checks: checks)
        let supersedes = try parseSupersedes(top["supersedes"], known: Set(types))
        let plan = Plan(category: category, subqueries: subqueriesWithHolds, checks: checks, types: types,
                        coarse: coarse, supersedes: supersedes,
                        regions: Dictionary(uniqueKeysWithValues: regions.map { ($0.name, $0) }))
        return RuleBook(category: category, summary: summary, parts: parts, plan: plan, file: file)
    }

    // MARK: parts

    private func parseParts(_ node: Reader) throws -> [PartClass] {
        try node.pairs("parts").map { name, _, value in
            let attributes = value.node.scalar?.string == "" ? [] : try value.pairs("the attributes of part '\(name)'")
            var kinds: [String: AttributeKind] = [:]
            for (attr, _, spec) in attributes {
                kinds[attr] = try parseAttribute(spec, name: "\(name).\(attr)")
            }
            return PartClass(name: name, attributes: kinds)
        }
    }

    private func parseAttribute(_ spec: Reader, name: String) throws -> AttributeKind {
        if spec.isSequence {
            let values = try spec.strings("the values of \(name)")
            guard !values.isEmpty else { throw spec.error("attribute \(name) lists no values") }
            return .choice(values)
        }
        if spec.isMapping {
            let f = try spec.fields("attribute \(name)", allowed: ["sizes"])
            let classes = try f.required("sizes").pairs("the sizes of \(name)").map { cls, _, range -> (name: String, range: ValuePattern) in
                let text = try range.string("size class \(cls)")
                guard let p = ValuePattern.parse(text), p.isNumeric else {
                    throw range.error("size class \(cls) of \(name) needs a numeric range like 17..23 or <14, got '\(text)'")
                }
                return (cls, p)
            }
            guard !classes.isEmpty else { throw spec.error("attribute \(name) has no size classes") }
            return .sizes(SizeScale(classes: classes))
        }
        switch try spec.string("attribute \(name)") {
        case "number": return .number
        case "flag": return .flag
        case let other:
            throw spec.error("attribute \(name) must be a list of values, 'number', 'flag' or {sizes: ...}, got '\(other)'")
        }
    }

    private func partClass(_ node: Reader, _ parts: [String: PartClass], _ what: String) throws -> PartClass {
        let name = try node.string(what)
        guard let p = parts[name] else {
            throw node.error("unknown part class '\(name)' in \(what); known: \(parts.keys.sorted().joined(separator: ", "))")
        }
        return p
    }

    private func partClasses(_ node: Reader, _ parts: [String: PartClass], _ what: String) throws -> [String] {
        try node.list(what).map { try partClass($0, parts, what).name }
    }

    private func filters(_ node: Reader?, of cls: PartClass, what: String) throws -> [PartFilter] {
        guard let node else { return [] }
        return try node.pairs("the 'where' of \(what)").map { attr, line, value in
            guard let kind = cls.attributes[attr] else {
                throw RuleBookError(file: file, line: line, message: "part class '\(cls.name)' has no attribute '\(attr)'")
            }
            let accepted = try value.strings("the values of \(attr)")
            let allowed: [String]?
            var scale: SizeScale? = nil
            switch kind {
            case .choice(let vs): allowed = vs
            case .flag: allowed = ["yes", "no"]
            case .sizes(let s): allowed = s.names; scale = s
            case .number: allowed = nil
            }
            guard let allowed else { throw value.error("attribute \(cls.name).\(attr) is a number: filter it by size classes instead") }
            for v in accepted where !allowed.contains(v) {
                throw value.error("'\(v)' is not a value of \(cls.name).\(attr); allowed: \(allowed.joined(separator: ", "))")
            }
            return PartFilter(attribute: attr, accepted: accepted, scale: scale, unset: kind == .flag ? "yes" : nil)
        }
    }

    // MARK: regions

    private func parseRegions(_ node: Reader?, parts: [String: PartClass]) throws -> [Region] {
        guard let node else { return [] }
        return try node.pairs("regions").map { name, _, value in
            let what = "region '\(name)'"
            let f = try value.fields(what, allowed: ["parts", "where", "zone", "grid", "of"])
            func reference() throws -> RegionReference {
                guard let of = f["of"] else { throw value.error("\(what) lacks 'of' (a part class or 'image')") }
                return try of.string("'of'") == "image" ? .image : .part(try partClass(of, parts, "'of' of \(what)").name)
            }
            if let p = f["parts"] {
                let cls = try partClass(p, parts, "'parts' of \(what)")
                return Region(name: name, shape: .parts(cls.name, filters: try filters(f["where"], of: cls, what: what)))
            }
            if let z = f["zone"] {
                let r = try z.sequence("'zone' of \(what)").map { try $0.double("a zone bound") }
                guard r.count == 4, r[0] < r[2], r[1] < r[3] else {
                    throw z.error("'zone' of \(what) must be [u0, v0, u1, v1] with u0 < u1 and v0 < v1")
                }
                return Region(name: name, shape: .zone(try reference(), u0: r[0], v0: r[1], u1: r[2], v1: r[3]))
            }
            if let g = f["grid"] {
                let rc = try g.sequence("'grid' of \(what)").map { try $0.int("a grid size") }
                guard rc.count == 2, rc[0] > 0, rc[1] > 0 else { throw g.error("'grid' of \(what) must be [rows, columns], both positive") }
                return Region(name: name, shape: .grid(try reference(), rows: rc[0], columns: rc[1]))
            }
            throw value.error("\(what) needs one of 'parts', 'zone' or 'grid'")
        }
    }

    private func region(_ node: Reader, _ regions: [Region], _ what: String) throws -> String {
        let name = try node.string(what)
        guard regions.contains(where: { $0.name == name }) else {
            throw node.error("undefined region '\(name)' in \(what); defined: \(regions.map(\.name).joined(separator: ", "))")
        }
        return name
    }

    // MARK: subqueries

    private struct Parsed { var subquery: Subquery; var reader: Reader; var dependencyReaders: [Reader] }

    private func parseSubqueries(_ node: Reader, parts: [String: PartClass], regions: [Region]) throws -> [Parsed] {
        var out: [Parsed] = []
        let regionsByName = Dictionary(uniqueKeysWithValues: regions.map { ($0.name, $0) })
        for item in try node.sequence("subqueries") {
            let f = try item.fields("a subquery", allowed: ["id", "ask", "observe", "after", "boxes"])
            let id = try f.required("id").string("a subquery id")
            guard !out.contains(where: { $0.subquery.id == id }) else { throw item.error("subquery id '\(id)' used twice") }
            let (observation, choices) = try parseObservation(f.required("observe"), parts: parts, regions: regions, id: id)
            var deps: [Dependency] = [], depReaders: [Reader] = []
            for d in try f["after"]?.list("'after' of \(id)") ?? [] {
                if d.isMapping {
                    for (sid, _, v) in try d.pairs("a dependency of \(id)") {
                        let text = try v.string("the value of dependency \(sid)")
                        guard let p = ValuePattern.parse(text) else { throw v.error("bad value '\(text)' for dependency \(sid)") }
                        deps.append(Dependency(subquery: sid, value: p)); depReaders.append(d)
                    }
                } else {
                    deps.append(Dependency(subquery: try d.string("a dependency of \(id)"))); depReaders.append(d)
                }
            }
            let questions = try f["ask"]?.strings("'ask' of \(id)") ?? [observation.defaultQuestion(regions: regionsByName)]
            guard !questions.isEmpty else { throw item.error("subquery \(id) has an empty 'ask'") }
            let sq = Subquery(id: id, questions: questions, parts: observation.partClasses(regions: regionsByName),
                              answerType: observation.answerType, choices: choices, dependencies: deps, observation: observation,
                              listsBoxes: try f["boxes"]?.bool("'boxes' of \(id)") ?? true)
            out.append(Parsed(subquery: sq, reader: item, dependencyReaders: depReaders))
        }
        guard !out.isEmpty else { throw node.error("a rule-book needs at least one subquery") }
        return out
    }

    private func parseObservation(_ node: Reader, parts: [String: PartClass], regions: [Region], id: String)
        throws -> (Observation, [String]) {
        let what = "'observe' of \(id)"
        let f = try node.fields(what, allowed: ["count", "cells", "expect", "report", "in", "where", "locate", "among",
                                                 "attribute", "of", "level", "step", "size", "centred", "within", "tolerance", "holds"])
        let kinds = ["cells", "count", "locate", "attribute", "level", "size", "centred", "holds"].filter { f.has($0) }
        guard let kind = kinds.first else {
            throw node.error("\(what) needs one of count, cells, locate, attribute, level, size, centred, holds")
        }
        func of() throws -> PartClass { try partClass(f.required("of"), parts, "'of' of \(id)") }
        func attribute(_ cls: PartClass, _ key: String) throws -> (String, AttributeKind) {
            let r = try f.required(key)
            let name = try r.string("'\(key)' of \(id)")
            guard let k = cls.attributes[name] else { throw r.error("part class '\(cls.name)' has no attribute '\(name)'") }
            return (name, k)
        }
        switch kind {
        case "cells":
            let region = try region(f.required("cells"), regions, "'cells' of \(id)")
            let cls = try partClass(f.required("count"), parts, "'count' of \(id)").name
            let expected = try f.required("expect").int("'expect' of \(id)")
            let reportText = try f["report"]?.string("'report' of \(id)") ?? "excess"
            guard let report = Observation.CellReport(rawValue: reportText) else {
                throw f["report"]!.error("'report' of \(id) must be excess or short, got '\(reportText)'")
            }
            return (.cells(region: region, cls: cls, expected: expected, report: report), [])
        case "count":
            let countNode = try f.required("count")
            let classes = try partClasses(countNode, parts, "'count' of \(id)")
            let fs = try f["where"].map { w -> [PartFilter] in
                guard classes.count == 1 else { throw w.error("'where' of \(id) needs a single part class to count") }
                return try filters(w, of: parts[classes[0]]!, what: id)
            } ?? []
            return (.count(classes: classes, region: try f["in"].map { try region($0, regions, "'in' of \(id)") }, filters: fs), [])
        case "locate":
            let classes = try partClasses(f.required("locate"), parts, "'locate' of \(id)")
            let among = try f.required("among").list("'among' of \(id)").map { try region($0, regions, "'among' of \(id)") }
            return (.locate(classes: classes, among: among), among + ["elsewhere"])
        case "attribute":
            let cls = try of()
            let (name, k) = try attribute(cls, "attribute")
            let fs = try filters(f["where"], of: cls, what: id)
            switch k {
            case .choice(let vs): return (.attribute(name: name, cls: cls.name, filters: fs, isFlag: false), vs)
            case .flag: return (.attribute(name: name, cls: cls.name, filters: fs, isFlag: true), [])
            case .number, .sizes:
                throw f["attribute"]!.error("\(cls.name).\(name) is numeric: observe it with 'level' or 'size'")
            }
        case "level":
            let classes = try partClasses(f.required("of"), parts, "'of' of \(id)")
            let r = try f.required("level")
            let name = try r.string("'level' of \(id)")
            for c in classes where parts[c]!.attributes[name] != .number {
                throw r.error("part class '\(c)' has no numeric attribute '\(name)'")
            }
            let step = try f["step"]?.double("'step' of \(id)") ?? 0.01
            guard step > 0 else { throw f["step"]!.error("'step' of \(id) must be positive") }
            return (.level(name: name, classes: classes, region: try f["in"].map { try region($0, regions, "'in' of \(id)") }, step: step), [])
        case "size":
            let cls = try of()
            let (name, k) = try attribute(cls, "size")
            guard case .sizes(let scale) = k else { throw f["size"]!.error("\(cls.name).\(name) has no size classes") }
            let e = try f.required("expect")
            let expected = try e.string("'expect' of \(id)")
            guard scale.names.contains(expected) else {
                throw e.error("'\(expected)' is not a size class of \(cls.name).\(name); classes: \(scale.names.joined(separator: ", "))")
            }
            return (.size(name: name, cls: cls.name, filters: try filters(f["where"], of: cls, what: id), scale: scale, expected: expected), scale.names)
        case "centred":
            let cls = try partClass(f.required("centred"), parts, "'centred' of \(id)").name
            let within = try partClass(f.required("within"), parts, "'within' of \(id)").name
            let tolerance = try f.required("tolerance").double("'tolerance' of \(id)")
            return (.centred(cls: cls, within: within, tolerance: tolerance), [])
        default: // holds
            // The check is parsed later; `resolveHolds` checks that it exists.
            return (.holds(check: try f.required("holds").string("'holds' of \(id)")), [])
        }
    }

    /// The subqueries with each `holds` subquery checked against its constraint: the constraint
    /// exists, reads no `holds` subquery, and every subquery it reads is among the subquery's
    /// `after` (so the step comes after the answers it restates and is asked only when they are
    /// there) and answers in one word; the subquery looks at the parts of those subqueries and
    /// lists no boxes.
    private func resolveHolds(_ items: [Parsed], checks: [Check]) throws -> [Subquery] {
        let byId = Dictionary(uniqueKeysWithValues: items.map { ($0.subquery.id, $0.subquery) })
        return try items.map { item in
            var s = item.subquery
            guard case .holds(let id) = s.observation else { return s }
            guard let check = checks.first(where: { $0.id == id }) else {
                throw item.reader.error("subquery \(s.id) holds '\(id)', which is not a constraint (constraints: \(checks.map(\.id).joined(separator: ", ")))")
            }
            let inputs = check.inputs.flatMap(\.subqueries)
            if let nested = inputs.first(where: { if case .holds = byId[$0]?.observation { return true }; return false }) {
                throw item.reader.error("subquery \(s.id) holds '\(id)', which reads the holds subquery \(nested)")
            }
            let after = Set(s.dependencies.map(\.subquery))
            if let missing = inputs.first(where: { !after.contains($0) }) {
                throw item.reader.error("subquery \(s.id) restates the answers of \(inputs.joined(separator: ", ")): list \(missing) in its 'after'")
            }
            if let list = inputs.first(where: { byId[$0]?.answerType == .boxes }) {
                throw item.reader.error("subquery \(s.id) cannot restate \(list): its answer is a box list, not one word")
            }
            var seen = Set<String>()
            s.parts = inputs.flatMap { byId[$0]?.parts ?? [] }.filter { seen.insert($0).inserted }
            s.listsBoxes = false // its step restates the answers; their own steps list the boxes
            return s
        }
    }

    /// Orders subqueries so that each comes after those it depends on, keeping the file's order
    /// otherwise; an unknown dependency or a cycle is an error.
    private func order(_ items: [Parsed]) throws -> [Parsed] {
        let ids = Set(items.map(\.subquery.id))
        for item in items {
            for (d, r) in zip(item.subquery.dependencies, item.dependencyReaders) where !ids.contains(d.subquery) {
                throw r.error("subquery \(item.subquery.id) depends on unknown subquery '\(d.subquery)'")
            }
        }
        var done: [Parsed] = [], placed = Set<String>(), remaining = items
        while !remaining.isEmpty {
            guard let i = remaining.firstIndex(where: { $0.subquery.dependencies.allSatisfy { placed.contains($0.subquery) } }) else {
                let cycle = cycleIn(remaining)
                let first = remaining.first { $0.subquery.id == cycle[0] }!
                throw first.reader.error("dependency cycle: \((cycle + [cycle[0]]).joined(separator: " -> "))")
            }
            placed.insert(remaining[i].subquery.id)
            done.append(remaining.remove(at: i))
        }
        return done
    }

    /// A cycle among subqueries none of which can be placed (every one has a pending dependency).
    private func cycleIn(_ pending: [Parsed]) -> [String] {
        let deps = Dictionary(uniqueKeysWithValues: pending.map { ($0.subquery.id, $0.subquery.dependencies.map(\.subquery)) })
        var path: [String] = [], current = pending[0].subquery.id
        while !path.contains(current) {
            path.append(current)
            current = deps[current]!.first { deps[$0] != nil }!
        }
        return Array(path[path.firstIndex(of: current)!...])
    }

    // MARK: constraints

    /// The defect types a constraint names at one place, each noted with its line for the
    /// check that no type is used twice.
    private func types(_ node: Reader, _ what: String, into raised: inout [(type: String, line: Int)]) throws -> [String] {
        let items = try node.list(what)
        guard !items.isEmpty else { throw node.error("\(what) names no defect type") }
        return try items.map { r in
            let t = try r.string("a defect type in \(what)")
            raised.append((t, r.line))
            return t
        }
    }

    private static let constraintKeys = ["id", "kind", "coarse", "over", "sum", "ratio", "normal", "cases", "otherwise", "raise", "require"]

    private func parseConstraint(_ node: Reader, subqueries: [String: Subquery],
                                 raised: inout [(type: String, line: Int)]) throws -> Check {
        let f = try node.fields("a constraint", allowed: Self.constraintKeys)
        let id = try f.required("id").string("a constraint id")
        let what = "constraint \(id)"
        let kindNode = try f.required("kind")
        let kindText = try kindNode.string("'kind' of \(what)")
        guard let kind = ConstraintKind(rawValue: kindText) else {
            throw kindNode.error("unknown kind '\(kindText)' of \(what); kinds: \(ConstraintKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let coarseNode = try f.required("coarse")
        let coarseText = try coarseNode.string("'coarse' of \(what)")
        guard let coarse = CoarseClass(rawValue: coarseText) else {
            throw coarseNode.error("unknown coarse class '\(coarseText)' of \(what); classes: quantity, layout, composition")
        }

        func subquery(_ r: Reader) throws -> Subquery {
            let sid = try r.string("a subquery of \(what)")
            guard let s = subqueries[sid] else {
                throw r.error("\(what) uses unknown subquery '\(sid)'; subqueries: \(subqueries.keys.sorted().joined(separator: ", "))")
            }
            return s
        }
        func levels(_ r: Reader) throws -> [String] {
            try r.list("levels of \(what)").map { n in
                let s = try subquery(n)
                guard s.answerType == .level else { throw n.error("\(what) adds subquery \(s.id), which answers \(s.answerType), not a level") }
                return s.id
            }
        }

        // Inputs, each with the subquery that types it (nil for a derived amount).
        var inputs: [(CheckInput, Subquery?)] = []
        if let over = f["over"] {
            for r in try over.list("'over' of \(what)") { let s = try subquery(r); inputs.append((.subquery(s.id), s)) }
        } else if let sum = f["sum"] {
            guard kind == .amount else { throw sum.error("'sum' is for amount constraints; \(what) is \(kind.rawValue)") }
            inputs = [(.sum(try levels(sum)), nil)]
        } else if let ratio = f["ratio"] {
            guard kind == .amount else { throw ratio.error("'ratio' is for amount constraints; \(what) is \(kind.rawValue)") }
            let rf = try ratio.fields("'ratio' of \(what)", allowed: ["numerator", "denominator"])
            inputs = [(.ratio(try levels(rf.required("numerator")), try levels(rf.required("denominator"))), nil)]
        } else {
            throw node.error("\(what) needs 'over' (its subqueries), or 'sum' / 'ratio' for an amount")
        }
        guard !inputs.isEmpty else { throw node.error("\(what) checks no subquery") }

        // Answer types each kind compares.
        let accepted: [ConstraintKind: [AnswerType]] = [
            .count: [.count, .boxes], .presence: [.count, .boxes, .yesNo, .choice, .level],
            .position: [.choice, .yesNo], .match: [.choice, .yesNo], .size: [.choice, .level, .count], .amount: [.level],
        ]
        for case let s? in inputs.map(\.1) where !accepted[kind]!.contains(s.answerType) {
            throw f["over"]!.error("\(what): a \(kind.rawValue) constraint cannot compare subquery \(s.id), which answers \(s.answerType)")
        }

        if kind == .presence {
            for key in ["normal", "cases", "otherwise"] where f.has(key) {
                throw f[key]!.error("\(what): a presence constraint takes 'raise' (and 'require: absent'), not '\(key)'")
            }
            guard let raise = f["raise"] else { throw node.error("\(what) names no defect type: add 'raise'") }
            var requireAbsent = false
            if let req = f["require"] {
                switch try req.string("'require' of \(what)") {
                case "present": requireAbsent = false
                case "absent": requireAbsent = true
                case let other: throw req.error("'require' of \(what) must be present or absent, got '\(other)'")
                }
            }
            return Check(id: id, kind: kind, coarse: coarse, inputs: inputs.map(\.0), otherwise: try types(raise, "'raise' of \(what)", into: &raised),
                         requireAbsent: requireAbsent)
        }
        for key in ["raise", "require"] where f.has(key) {
            throw f[key]!.error("\(what): '\(key)' is for presence constraints; use 'cases' and 'otherwise'")
        }

        let subs = inputs.map(\.1)
        func tuple(_ r: Reader, _ label: String) throws -> [ValuePattern] {
            let items: [Reader] = subs.count == 1 && !r.isSequence ? [r] : try r.sequence(label)
            guard items.count == subs.count else {
                throw r.error("\(label) of \(what) gives \(items.count) value(s) for \(subs.count) input(s)")
            }
            return try zip(items, subs).map { item, s in try pattern(item, for: s, what: what) }
        }
        var normal: [[ValuePattern]] = []
        if let n = f["normal"] {
            // One tuple, or a list of alternative tuples (`[[2, yellow], [3, blue]]`, or `[a, b]` for one input).
            let alternatives: [Reader]
            if subs.count == 1 { alternatives = try n.list("'normal'") }
            else if let first = try n.sequence("'normal'").first, first.isSequence { alternatives = try n.sequence("'normal'") }
            else { alternatives = [n] }
            normal = try alternatives.map { try tuple($0, "'normal'") }
        }
        var cases: [CheckCase] = []
        for c in try f["cases"]?.sequence("'cases' of \(what)") ?? [] {
            let cf = try c.fields("a case of \(what)", allowed: ["when", "raise", "unordered"])
            let unordered = try cf["unordered"].map { try $0.string("'unordered'") == "true" } ?? false
            if unordered, subs.count != 2 { throw c.error("'unordered' in \(what) needs exactly two inputs") }
            cases.append(CheckCase(when: try tuple(cf.required("when"), "'when'"),
                                   raises: try types(cf.required("raise"), "a case of \(what)", into: &raised), unordered: unordered))
        }
        let otherwise = try f["otherwise"].map { try types($0, "'otherwise' of \(what)", into: &raised) } ?? []
        guard !cases.isEmpty || !otherwise.isEmpty else {
            throw node.error("\(what) names no defect type: add 'cases' with 'raise', or 'otherwise'")
        }
        return Check(id: id, kind: kind, coarse: coarse, inputs: inputs.map(\.0), normal: normal, cases: cases, otherwise: otherwise)
    }

    /// A value compared with a subquery's answer, checked against what that answer can be.
    private func pattern(_ r: Reader, for s: Subquery?, what: String) throws -> ValuePattern {
        let text = try r.string("a value of \(what)")
        guard let p = ValuePattern.parse(text) else { throw r.error("bad value '\(text)' in \(what): a range needs numbers, like 17..23") }
        if case .any = p { return p }
        if case .absent = p { throw r.error("\(what) is evaluated only when its parts are present: 'absent' belongs in a presence constraint") }
        let type = s?.answerType ?? .level
        switch type {
        case .count, .level, .boxes:
            guard p.isNumeric else { throw r.error("\(what): subquery \(s?.id ?? "amount") answers a \(type), not '\(text)'") }
        case .yesNo:
            guard p == .word("yes") || p == .word("no") else { throw r.error("\(what): subquery \(s!.id) answers yes or no, not '\(text)'") }
        case .choice:
            let ok: Bool
            switch p {
            case .word(let w): ok = s!.choices.contains(w)
            default: ok = s!.choices.contains { Double($0).map(p.contains) ?? false }
            }
            guard ok else {
                throw r.error("\(what): '\(text)' is not an answer of subquery \(s!.id); answers: \(s!.choices.joined(separator: ", "))")
            }
        }
        return p
    }

    // MARK: supersedes

    private func parseSupersedes(_ node: Reader?, known: Set<String>) throws -> [String: [String]] {
        guard let node else { return [:] }
        var out: [String: [String]] = [:]
        for (t, line, value) in try node.pairs("supersedes") {
            guard known.contains(t) else {
                throw RuleBookError(file: file, line: line, message: "supersedes: unknown defect type '\(t)' (not raised by any constraint)")
            }
            out[t] = try value.list("the types \(t) supersedes").map { r in
                let s = try r.string("a superseded type")
                guard known.contains(s) else { throw r.error("supersedes: unknown defect type '\(s)' (not raised by any constraint)") }
                guard s != t else { throw r.error("supersedes: '\(t)' cannot supersede itself") }
                return s
            }
            // A cycle would let two raised types remove each other and leave an anomaly without a type.
            if let cycle = supersedesCycle(from: t, in: out) {
                throw RuleBookError(file: file, line: line, message: "supersedes cycle: \(cycle.joined(separator: " -> "))")
            }
        }
        return out
    }

    /// A path of `supersedes` links from `start` back to itself, if any.
    private func supersedesCycle(from start: String, in links: [String: [String]]) -> [String]? {
        var visited = Set<String>()
        func walk(_ t: String, _ path: [String]) -> [String]? {
            for next in links[t] ?? [] {
                if next == start { return path + [next] }
                if visited.insert(next).inserted, let found = walk(next, path + [next]) { return found }
            }
            return nil
        }
        return walk(start, [start])
    }
}
