import Foundation

/// A category's `labels.csv` (columns `path,split,label,defect_types`, types separated by `;`):
/// the defect types of images whose masks cannot name them, e.g. merged binary masks.
struct LabelsFile {
    struct Entry { let line: Int; let split: LocoSplit; let label: LocoLabel; let defectTypes: [String] }

    static let fileName = "labels.csv"
    let path: String
    /// By image path relative to the category folder.
    let entries: [String: Entry]

    /// `knownTypes`: the defect names of defects_config.json, when there is one, to catch misspellings.
    init(url: URL, knownTypes: Set<String>?) throws {
        path = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DatasetError.malformedLabels(path, line: 0, "cannot read: \(error.localizedDescription)")
        }
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch CSVTable.ParseError.unterminatedQuote(let line) {
            throw DatasetError.malformedLabels(path, line: line, "unterminated quote")
        }
        guard let header = table.rows.first else { throw DatasetError.malformedLabels(path, line: 1, "no header") }
        let columns = ["path", "split", "label", "defect_types"]
        let index = columns.map { header.fields.firstIndex(of: $0) }
        guard index.allSatisfy({ $0 != nil }) else {
            throw DatasetError.malformedLabels(path, line: header.line,
                                               "header must name the columns \(columns.joined(separator: ",")), got \(header.fields.joined(separator: ","))")
        }
        var entries: [String: Entry] = [:]
        for row in table.rows.dropFirst() {
            func fail(_ why: String) -> DatasetError { .malformedLabels(url.path, line: row.line, why) }
            guard row.fields.count == header.fields.count else {
                throw fail("expected \(header.fields.count) fields, found \(row.fields.count)")
            }
            let f = index.map { row.fields[$0!].trimmingCharacters(in: .whitespaces) }
            guard let split = LocoSplit(rawValue: f[1]) else { throw fail("unknown split '\(f[1])'") }
            guard let label = LocoLabel(labelsCSVValue: f[2]) else { throw fail("unknown label '\(f[2])'") }
            let types = f[3].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let knownTypes, let unknown = types.first(where: { !knownTypes.contains($0) }) {
                throw fail("defect type '\(unknown)' is not in defects_config.json")
            }
            guard (label == .good) == types.isEmpty else {
                throw fail(label == .good ? "a good image cannot have defect types" : "an anomalous image needs defect types")
            }
            guard entries[f[0]] == nil else { throw fail("'\(f[0])' is listed twice") }
            entries[f[0]] = Entry(line: row.line, split: split, label: label, defectTypes: types.sorted())
        }
        self.entries = entries
    }
}
