import Foundation
import Annotations

/// How well the oracle recovers the labelled defect types of an annotated dataset: per category,
/// per type, and the images where the two differ. An image agrees when the oracle's type set
/// equals its labelled set exactly (both empty for a normal image).
public struct AgreementReport: Codable, Hashable, Sendable {
    public struct CategoryTally: Codable, Hashable, Sendable {
        public var category: String
        public var images: Int
        public var agreeing: Int
        public var agreement: Double { images > 0 ? Double(agreeing) / Double(images) : 0 }
    }

    /// Images labelled with a type, images the oracle gave it, and images with both. The type
    /// `normal` counts images with no type.
    public struct TypeTally: Codable, Hashable, Sendable {
        public var category: String
        public var type: String
        public var labelled: Int
        public var derived: Int
        public var both: Int
    }

    public struct Disagreement: Codable, Hashable, Sendable {
        public var path: String
        public var expected: [String]
        public var derived: [String]
    }

    public var categories: [CategoryTally]
    public var types: [TypeTally]
    public var disagreements: [Disagreement]
    /// Images labelled structural_anomalies: their defects are not logical rules, so they are not compared.
    public var skippedStructural: Int

    public var images: Int { categories.reduce(0) { $0 + $1.images } }
    public var agreement: Double {
        images > 0 ? Double(categories.reduce(0) { $0 + $1.agreeing }) / Double(images) : 0
    }

    /// Runs the oracle over `<root>/<category>/annotations/**/*.json` for the given categories
    /// (all category folders with annotations when nil), with the rule-book `ruleBook` gives.
    public static func run(dataset root: URL, categories: [String]? = nil,
                           ruleBook: (String) throws -> RuleBook) throws -> AgreementReport {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw RulesError.unreadableDataset(root.path, "no such directory")
        }
        let names: [String]
        if let categories {
            names = categories
        } else {
            let entries = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
            names = entries.filter { fm.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("annotations").path) }.sorted()
        }
        var report = AgreementReport(categories: [], types: [], disagreements: [], skippedStructural: 0)
        for category in names {
            let oracle = Oracle(plan: try ruleBook(category).plan)
            let dir = root.appendingPathComponent(category).appendingPathComponent("annotations")
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
                throw RulesError.unreadableDataset(dir.path, "no annotations folder for category \(category)")
            }
            try report.add(category: category, files: annotationFiles(under: dir), root: root, oracle: oracle)
        }
        guard report.images > 0 else { throw RulesError.emptyDataset(root.path) }
        return report
    }

    static func annotationFiles(under dir: URL) -> [URL] {
        let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            if url.pathExtension == "json" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    private mutating func add(category: String, files: [URL], root: URL, oracle: Oracle) throws {
        var tally = CategoryTally(category: category, images: 0, agreeing: 0)
        var counts: [String: TypeTally] = [:]
        func count(_ t: String, labelled: Bool, derived: Bool) {
            var c = counts[t] ?? TypeTally(category: category, type: t, labelled: 0, derived: 0, both: 0)
            if labelled { c.labelled += 1 }
            if derived { c.derived += 1 }
            if labelled && derived { c.both += 1 }
            counts[t] = c
        }
        for url in files {
            let annotation = try ImageAnnotation.load(from: url)
            let relative = String(url.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            if annotation.label == "structural_anomalies" { skippedStructural += 1; continue }
            let expected = Set(annotation.defects)
            let derived = Set(try oracle.run(annotation, path: relative).types)
            tally.images += 1
            if expected == derived { tally.agreeing += 1 } else {
                disagreements.append(Disagreement(path: relative, expected: expected.sorted(), derived: derived.sorted()))
            }
            for t in expected.union(derived) { count(t, labelled: expected.contains(t), derived: derived.contains(t)) }
            if expected.isEmpty || derived.isEmpty { count("normal", labelled: expected.isEmpty, derived: derived.isEmpty) }
        }
        categories.append(tally)
        let order = ["normal"] + oracle.plan.types
        types += counts.values.sorted { (order.firstIndex(of: $0.type) ?? .max, $0.type) < (order.firstIndex(of: $1.type) ?? .max, $1.type) }
    }

    /// The report for a person; the last line is `oracle agreement: X.XXXX`.
    public var text: String {
        var out = ["per category:"]
        for c in categories {
            out.append("  \(c.category): \(c.agreeing)/\(c.images) = \(Self.format(c.agreement))")
        }
        out.append("per type (images labelled / derived / both):")
        for t in types {
            out.append("  \(t.category) \(t.type): \(t.labelled) / \(t.derived) / \(t.both)")
        }
        if skippedStructural > 0 { out.append("skipped \(skippedStructural) structural-anomaly image(s)") }
        if !disagreements.isEmpty {
            out.append("disagreements (\(disagreements.count)):")
            for d in disagreements {
                out.append("  \(d.path): expected [\(d.expected.joined(separator: ", "))] got [\(d.derived.joined(separator: ", "))]")
            }
        }
        out.append(agreementLine)
        return out.joined(separator: "\n")
    }

    public var agreementLine: String { "oracle agreement: \(Self.format(agreement))" }

    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(JSONForm(report: self)), as: UTF8.self)
    }

    /// The JSON form adds the computed agreements.
    private struct JSONForm: Encodable {
        let report: AgreementReport
        enum Keys: String, CodingKey { case agreement, images, categories, types, disagreements, skippedStructural }
        struct Category: Encodable { let category: String; let images: Int; let agreeing: Int; let agreement: Double }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(report.agreement, forKey: .agreement)
            try c.encode(report.images, forKey: .images)
            try c.encode(report.categories.map { Category(category: $0.category, images: $0.images, agreeing: $0.agreeing, agreement: $0.agreement) }, forKey: .categories)
            try c.encode(report.types, forKey: .types)
            try c.encode(report.disagreements, forKey: .disagreements)
            try c.encode(report.skippedStructural, forKey: .skippedStructural)
        }
    }

    static func format(_ x: Double) -> String { String(format: "%.4f", x) }
}
