import Foundation
import Imaging

/// Writes the classification report: `index.html` with a summary table and one section per image,
/// and beside it `overlays/*.png`, each image with its evidence boxes. The page uses only inline
/// CSS and relative image paths, so the folder opens offline and can be moved whole.
public enum HTMLReport {
    public static let pageName = "index.html"
    public static let overlayFolder = "overlays"
    /// Small images are enlarged to about this long side for their overlays (see `EvidenceOverlay`).
    public static let overlayLongSide = 480

    /// Writes the report for `run` into `directory` (created if needed) and returns the page's URL.
    /// Each image is read again from its path to draw its overlay; an image that cannot be read
    /// any more is listed with that error instead of an overlay.
    @discardableResult
    public static func write(_ run: ClassificationRun, to directory: URL) throws -> URL {
        let files = FileManager.default
        let overlays = directory.appendingPathComponent(overlayFolder)
        do { try files.createDirectory(at: overlays, withIntermediateDirectories: true) } catch {
            throw InspectionError.unwritable(overlays.path, error.localizedDescription)
        }
        var sections: [String] = []
        var rows: [String] = []
        for (number, entry) in run.entries.enumerated() {
            let anchor = "image-\(number + 1)"
            switch entry {
            case .failed(let image, let error):
                rows.append(summaryRow(anchor: anchor, image: image, cells: ["error", "", "", ""], failed: true))
                sections.append(failedSection(anchor: anchor, image: image, error: error))
            case .classified(let c):
                let overlayName = String(format: "%03d-", number + 1) + safeFileName(c.image) + ".png"
                let overlayURL = overlays.appendingPathComponent(overlayName)
                var overlayError: String?
                do {
                    let image = try ImageDecoder.load(URL(fileURLWithPath: c.image))
                    try PNGEncoder.write(try EvidenceOverlay.draw(EvidenceOverlay.boxes(of: c), on: image, minimumLongSide: overlayLongSide), to: overlayURL)
                } catch {
                    overlayError = String(describing: error)
                }
                rows.append(summaryRow(anchor: anchor, image: c.image, cells: [
                    c.verdict.rawValue, String(format: "%.3f", c.anomalyScore),
                    c.violatedTypes.map(\.type).joined(separator: ", "),
                    c.agreesWithRules ? "yes" : "no",
                ], failed: false))
                sections.append(section(anchor: anchor, c,
                                         overlay: overlayError == nil ? "\(overlayFolder)/\(overlayName)" : nil,
                                         overlayError: overlayError))
            }
        }
        let page = document(run: run, rows: rows, sections: sections)
        let url = directory.appendingPathComponent(pageName)
        do { try Data(page.utf8).write(to: url, options: .atomic) } catch {
            throw InspectionError.unwritable(url.path, error.localizedDescription)
        }
        return url
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A file name made of the image path's letters, digits, `-` and `_`.
    static func safeFileName(_ path: String) -> String {
        let stem = (path as NSString).deletingPathExtension
        let parts = stem.split(separator: "/").suffix(3).joined(separator: "_")
        return String(parts.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    static func summaryRow(anchor: String, image: String, cells: [String], failed: Bool) -> String {
        let tds = cells.map { "<td>\(escape($0))</td>" }.joined()
        return "<tr\(failed ? " class=\"failed\"" : "")><td><a href=\"#\(anchor)\">\(escape(image))</a></td>\(tds)</tr>"
    }

    static func failedSection(anchor: String, image: String, error: String) -> String {
        """
        <section id="\(anchor)" class="failed"><h2>\(escape(image))</h2>
        <p class="error">Not classified: \(escape(error))</p></section>
        """
    }

    static func section(anchor: String, _ c: ImageClassification, overlay: String?, overlayError: String?) -> String {
        let picture = overlay.map { "<img src=\"\(escape($0))\" alt=\"\(escape(c.image)) with evidence boxes\">" }
            ?? "<p class=\"error\">No overlay: \(escape(overlayError ?? ""))</p>"
        let types = c.violatedTypes.isEmpty ? "none"
            : c.violatedTypes.map { "\(escape($0.type)) (\(escape($0.coarseClass)))" }.joined(separator: ", ")
        let steps = c.steps.map { step in
            let boxes = step.boxes.map { String(format: "[%.0f, %.0f, %.0f, %.0f]", $0.x0, $0.y0, $0.x1, $0.y1) }
                .joined(separator: " ")
            return "<tr><td>\(step.index)</td><td>\(escape(step.subquery))</td><td>\(escape(step.answer))</td>"
                + "<td>\(escape(boxes))</td><td>\(String(format: "%.3f", step.confidence))</td></tr>"
        }.joined(separator: "\n")
        let unanswered = c.unanswered.isEmpty ? ""
            : "\n<p class=\"error\">Not answered: \(escape(c.unanswered.joined(separator: ", ")))</p>"
        let model = c.modelVerdict?.rawValue ?? "unreadable"
        let modelTypes = c.modelTypes.isEmpty ? "" : " (\(escape(c.modelTypes.joined(separator: ", "))))"
        return """
        <section id="\(anchor)"><h2>\(escape(c.image))</h2>
        <div class="pair"><div class="picture">\(picture)</div><div class="facts">
        <p class="verdict \(c.verdict.rawValue)">\(c.verdict.rawValue)</p>
        <p>Anomaly score: \(String(format: "%.3f", c.anomalyScore))</p>
        <p>Violated types: \(types)</p>\(unanswered)
        <p>Model's own verdict: \(model)\(modelTypes); \(c.agreesWithRules ? "agrees" : "disagrees") with the rule engine</p>
        <p>Image size: \(c.width) x \(c.height) px</p>
        </div></div>
        <table><tr><th>step</th><th>subquery</th><th>answer</th><th>boxes (px)</th><th>confidence</th></tr>
        \(steps)
        </table>
        <details><summary>model output</summary><pre>\(escape(c.generatedText))</pre></details>
        </section>
        """
    }

    static func document(run: ClassificationRun, rows: [String], sections: [String]) -> String {
        let anomalous = run.classifications.filter { $0.verdict == .anomalous }.count
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>LogiCls report: \(escape(run.category))</title>
        <style>
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #eee; }
        tr.failed td, .error { color: #a00; }
        section { border-top: 2px solid #ccc; padding-top: 0.5em; margin-top: 1.5em; }
        .pair { display: flex; gap: 1.5em; align-items: flex-start; }
        .picture img { max-width: 480px; max-height: 480px; border: 1px solid #999; }
        .verdict { font-size: 1.4em; font-weight: bold; }
        .verdict.normal { color: #176f2c; } .verdict.anomalous { color: #b3261e; }
        pre { background: #f6f6f6; padding: 0.5em; white-space: pre-wrap; }
        </style></head><body>
        <h1>LogiCls report: \(escape(run.category))</h1>
        <p>Model: \(escape(run.model)). Images: \(run.entries.count); anomalous: \(anomalous); \
        normal: \(run.classifications.count - anomalous); not classified: \(run.failureCount).</p>
        <table><tr><th>image</th><th>verdict</th><th>anomaly score</th><th>violated types</th><th>model agrees</th></tr>
        \(rows.joined(separator: "\n"))
        </table>
        \(sections.joined(separator: "\n"))
        </body></html>

        """
    }
}
