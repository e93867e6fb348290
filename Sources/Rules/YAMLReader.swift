import Yams

/// A composed YAML node with its file name, read with typed accessors whose errors name the
/// file, the line and what was expected. Every rule-book value is read through it, so that
/// any malformed entry is reported at its own line.
struct YAMLReader {
    let node: Node
    let file: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ message: String) -> RuleBookError {
        RuleBookError(file: file, line: line, message: message)
    }

    /// Composes `text` into nodes; a YAML syntax error is reported at its own line.
    static func compose(_ text: String, file: String) throws -> YAMLReader {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                throw RuleBookError(file: file, line: mark.line, message: "YAML syntax: \(problem)")
            default:
                throw RuleBookError(file: file, line: 0, message: "YAML: \(e)")
            }
        }
        guard let root else { throw RuleBookError(file: file, line: 0, message: "empty rule-book") }
        return YAMLReader(node: root, file: file)
    }

    // MARK: scalars

    func string(_ what: String) throws -> String {
        guard let s = node.scalar?.string else { throw error("\(what) must be a single value") }
        return s
    }

    func double(_ what: String) throws -> Double {
        guard let d = Double(try string(what)) else { throw error("\(what) must be a number, got '\(try string(what))'") }
        return d
    }

    func bool(_ what: String) throws -> Bool {
        switch try string(what) {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error("\(what) must be true or false, got '\(other)'")
        }
    }

    func int(_ what: String) throws -> Int {
        guard let i = Int(try string(what)) else { throw error("\(what) must be an integer, got '\(try string(what))'") }
        return i
    }

    // MARK: collections

    var isSequence: Bool { node.sequence != nil }
    var isMapping: Bool { node.mapping != nil }

    func sequence(_ what: String) throws -> [YAMLReader] {
        guard let seq = node.sequence else { throw error("\(what) must be a list") }
        return seq.map { YAMLReader(node: $0, file: file) }
    }

    /// A list, or a single value read as a one-element list (`parts: tangerine`).
    func list(_ what: String) throws -> [YAMLReader] {
        isSequence ? try sequence(what) : [self]
    }

    func strings(_ what: String) throws -> [String] {
        try list(what).map { try $0.string("each entry of \(what)") }
    }

    /// The key-value pairs of a mapping in file order; a key given twice is refused.
    func pairs(_ what: String) throws -> [(key: String, keyLine: Int, value: YAMLReader)] {
        guard let map = node.mapping else { throw error("\(what) must be a mapping of keys to values") }
        var seen = Set<String>()
        var out: [(key: String, keyLine: Int, value: YAMLReader)] = []
        for (k, v) in map {
            let key = YAMLReader(node: k, file: file)
            let name = try key.string("a key of \(what)")
            guard seen.insert(name).inserted else { throw key.error("key '\(name)' given twice in \(what)") }
            out.append((name, key.line, YAMLReader(node: v, file: file)))
        }
        return out
    }

    /// A mapping whose keys must all be among `allowed`: a misspelt key is an error, not a silent default.
    func fields(_ what: String, allowed: [String]) throws -> Fields {
        let p = try pairs(what)
        for (key, keyLine, _) in p where !allowed.contains(key) {
            throw RuleBookError(file: file, line: keyLine,
                                message: "unknown key '\(key)' in \(what); allowed: \(allowed.joined(separator: ", "))")
        }
        return Fields(owner: self, what: what, values: Dictionary(uniqueKeysWithValues: p.map { ($0.key, $0.value) }))
    }

    /// The checked keys of one mapping.
    struct Fields {
        let owner: YAMLReader
        let what: String
        let values: [String: YAMLReader]

        subscript(key: String) -> YAMLReader? { values[key] }
        func has(_ key: String) -> Bool { values[key] != nil }

        func required(_ key: String) throws -> YAMLReader {
            guard let v = values[key] else { throw owner.error("\(what) lacks '\(key)'") }
            return v
        }
    }
}
