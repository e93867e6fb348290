/// What an export wrote: sample and image counts, and how often each subquery, answer type and
/// defect type occurs in the written samples.
public struct ExportSummary: Hashable, Sendable {
    public var samples = 0
    /// Source images read (with an annotation).
    public var sourceImages = 0
    /// Images written by the export (augmented or edited); the rest are referenced where they are.
    public var writtenImages = 0
    /// Images skipped because they have no annotation (real photos not annotated yet).
    public var unannotated = 0
    /// Edits that could not be made on an image (no applicable edit, or a part would leave it).
    public var failedEdits = 0
    /// Steps written per subquery id, over all samples.
    public var perSubquery: [String: Int] = [:]
    /// Steps written per answer type (count, yes/no, enum, level, box list).
    public var perAnswerType: [String: Int] = [:]
    /// Full inspections per defect type (`normal` for none); one sample can count for several types.
    public var perDefect: [String: Int] = [:]

    public init() {}

    /// A readable report, one count per line, sorted by name.
    public var text: String {
        var lines = ["samples: \(samples)", "source images: \(sourceImages)", "images written: \(writtenImages)"]
        if unannotated > 0 { lines.append("skipped (no annotation): \(unannotated)") }
        if failedEdits > 0 { lines.append("edits not applicable: \(failedEdits)") }
        func table(_ title: String, _ d: [String: Int]) {
            lines.append(title)
            let width = d.keys.map(\.count).max() ?? 0
            for (k, v) in d.sorted(by: { $0.key < $1.key }) {
                lines.append("  " + k + String(repeating: " ", count: width - k.count) + "  \(v)")
            }
        }
        table("steps per subquery:", perSubquery)
        table("steps per answer type:", perAnswerType)
        table("inspections per defect type:", perDefect)
        return lines.joined(separator: "\n")
    }
}
