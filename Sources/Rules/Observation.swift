import Foundation
import Annotations

/// What a subquery reads off an image, and so how the oracle answers it from annotations.
public enum Observation: Hashable, Sendable {
    /// The number of parts of the classes (in a region, filtered by attributes) -> count.
    case count(classes: [String], region: String?, filters: [PartFilter])
    /// Parts of a class per cell of a region against the expected number per cell:
    /// `excess` -> count of parts beyond it; `short` -> box list of cells holding fewer.
    case cells(region: String, cls: String, expected: Int, report: CellReport)
    /// Which of the regions holds (most of) the parts -> enum of region names or `elsewhere`.
    case locate(classes: [String], among: [String])
    /// An enum or flag attribute of the part -> enum, or yes/no for a flag.
    case attribute(name: String, cls: String, filters: [PartFilter], isFlag: Bool)
    /// The sum of a numeric attribute over the parts, quantized to `step` -> level.
    case level(name: String, classes: [String], region: String?, step: Double)
    /// The size class of a sized attribute -> enum; with several parts, the first one whose class is
    /// not `expected` (the deviating part is what the check is about), else `expected`.
    case size(name: String, cls: String, filters: [PartFilter], scale: SizeScale, expected: String)
    /// Whether the centre of the part lies within `tolerance` of the other part's width and height
    /// from that part's centre -> yes/no.
    case centred(cls: String, within: String, tolerance: Double)
    /// Whether a check of the rule-book passes over the earlier answers it reads -> yes/no. The
    /// step restates those answers beside its own, so that the comparison (the juice's colour
    /// against the icon's fruit) is made next to its values rather than across the response. The
    /// oracle answers it from the answers before it, not from the annotation.
    case holds(check: String)

    public enum CellReport: String, Hashable, Sendable { case excess, short }

    public var answerType: AnswerType {
        switch self {
        case .count: return .count
        case .cells(_, _, _, let report): return report == .excess ? .count : .boxes
        case .locate, .size: return .choice
        case .attribute(_, _, _, let isFlag): return isFlag ? .yesNo : .choice
        case .level: return .level
        case .centred, .holds: return .yesNo
        }
    }

    /// The part classes the subquery looks at (its regions' defining parts included).
    func partClasses(regions: [String: Region]) -> [String] {
        func regionClasses(_ name: String?) -> [String] {
            guard let name, let r = regions[name] else { return [] }
            switch r.shape {
            case .parts(let c, _): return [c]
            case .zone(.part(let c), _, _, _, _), .grid(.part(let c), _, _): return [c]
            case .zone(.image, _, _, _, _), .grid(.image, _, _): return []
            }
        }
        var out: [String]
        switch self {
        case .count(let cs, let r, _): out = cs + regionClasses(r)
        case .cells(let r, let c, _, _): out = [c] + regionClasses(r)
        case .locate(let cs, let among): out = cs + among.flatMap { regionClasses($0) }
        case .attribute(_, let c, _, _), .size(_, let c, _, _, _): out = [c]
        case .level(_, let cs, let r, _): out = cs + regionClasses(r)
        case .centred(let c, let w, _): out = [c, w]
        case .holds: out = [] // the parts of the answers it restates; filled in by the rule-book parser
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// The question asked when the rule-book gives none.
    func defaultQuestion(regions: [String: Region]) -> String {
        func plural(_ cs: [String]) -> String { cs.map { $0.replacingUnderscores + "s" }.joined(separator: " or ") }
        func region(_ r: String?) -> String { r.map { " in the \($0.replacingUnderscores)" } ?? "" }
        switch self {
        case .count(let cs, let r, _): return "How many \(plural(cs)) are there\(region(r))?"
        case .cells(let r, let c, let n, .excess):
            return "How many \(plural([c])) are there beyond \(n) per \(r.replacingUnderscores) cell?"
        case .cells(let r, let c, let n, .short):
            return "Which \(r.replacingUnderscores) cells hold fewer than \(n) \(plural([c]))?"
        case .locate(let cs, let among):
            return "Where are the \(plural(cs)): \(among.map(\.replacingUnderscores).joined(separator: ", ")) or elsewhere?"
        case .attribute(let a, let c, _, _): return "What is the \(a.replacingUnderscores) of the \(c.replacingUnderscores)?"
        case .level(let a, let cs, let r, _): return "What is the \(a.replacingUnderscores) of the \(plural(cs))\(region(r))?"
        case .size(let a, let c, _, _, _): return "Which \(a.replacingUnderscores) class is the \(c.replacingUnderscores)?"
        case .centred(let c, let w, _): return "Is the \(c.replacingUnderscores) centred on the \(w.replacingUnderscores)?"
        case .holds(let check): return "Does \(check.replacingUnderscores) hold?"
        }
    }

    /// The oracle's answer from annotations, with the parts it used (`holds` has none to read:
    /// `Oracle` answers it from the earlier answers).
    func answer(in a: ImageAnnotation, regions: [String: Region]) -> (Answer, [EvidencePart]) {
        func evidence(_ ps: [Part]) -> [EvidencePart] { ps.map { EvidencePart(id: $0.id, cls: $0.cls, box: $0.box) } }
        func select(_ classes: [String], in region: String?, _ filters: [PartFilter] = []) -> [Part] {
            var ps = a.parts.filter { part in classes.contains(part.cls) && filters.allSatisfy { $0.accepts(part) } }
            if let region, let r = regions[region] {
                let cells = r.cells(in: a)
                ps = ps.filter { r.contains($0, cells: cells) }
            }
            return ps.sorted { $0.id < $1.id }
        }

        switch self {
        case .count(let cs, let r, let fs):
            let ps = select(cs, in: r, fs)
            return (.count(ps.count), evidence(ps))

        case .cells(let rname, let c, let expected, let report):
            guard let r = regions[rname] else { return (.absent, []) }
            let ps = select([c], in: nil)
            var excess = 0, excessParts: [Part] = [], shortCells: [Box] = [], shortEvidence: [EvidencePart] = []
            for cell in r.cells(in: a) {
                let inside = ps.filter { cell.box.contains(x: $0.box.centerX, y: $0.box.centerY) }
                if inside.count > expected { excess += inside.count - expected; excessParts += inside }
                if inside.count < expected { shortCells.append(cell.box); shortEvidence += cell.evidence }
            }
            return report == .excess ? (.count(excess), evidence(excessParts)) : (.boxes(shortCells), shortEvidence)

        case .locate(let cs, let among):
            let ps = select(cs, in: nil)
            guard !ps.isEmpty else { return (.absent, []) }
            var best = "elsewhere", bestCount = 0
            for name in among {
                guard let r = regions[name] else { continue }
                let cells = r.cells(in: a)
                let n = ps.filter { r.contains($0, cells: cells) }.count
                if n > bestCount { best = name; bestCount = n }
            }
            return (.choice(best), evidence(ps))

        case .attribute(let name, let c, let fs, let isFlag):
            guard let p = select([c], in: nil, fs).first, let v = p[attribute: name] else { return (.absent, []) }
            if isFlag, let b = v.boolValue { return (.yesNo(b), evidence([p])) }
            return (.choice(v.description), evidence([p]))

        case .level(let name, let cs, let r, let step):
            let ps = select(cs, in: r).filter { $0[attribute: name]?.numberValue != nil }
            guard !ps.isEmpty else { return (.absent, []) }
            let total = ps.reduce(0.0) { $0 + $1[attribute: name]!.numberValue! }
            return (.level(Observation.quantize(total, step: step)), evidence(ps))

        case .size(let name, let c, let fs, let scale, let expected):
            let sized = select([c], in: nil, fs).compactMap { p in p[attribute: name]?.numberValue.map { (p, scale.classify($0)) } }
            guard let first = sized.first else { return (.absent, []) }
            let pick = sized.first { $0.1 != expected } ?? first
            return (.choice(pick.1), evidence([pick.0]))

        case .centred(let c, let w, let tolerance):
            guard let p = select([c], in: nil).first, let q = select([w], in: nil).first else { return (.absent, []) }
            let ok = abs(p.box.centerX - q.box.centerX) <= tolerance * q.box.width
                && abs(p.box.centerY - q.box.centerY) <= tolerance * q.box.height
            return (.yesNo(ok), evidence([p, q]))

        case .holds:
            return (.absent, [])
        }
    }

    /// Rounds to a multiple of `step`, dividing by the integer 1/step when there is one so that
    /// 0.74 stays 0.74 and not 0.7400000000000001.
    static func quantize(_ x: Double, step: Double) -> Double {
        let inverse = (1 / step).rounded()
        if step < 1, abs(inverse * step - 1) < 1e-9 { return (x * inverse).rounded() / inverse }
        return (x / step).rounded() * step
    }
}

extension String {
    var replacingUnderscores: String { replacingOccurrences(of: "_", with: " ") }
}
