import Foundation
import Inspection
import XCTest

/// The report is one offline page whose pictures are PNG files beside it.
final class HTMLReportTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryFolder("report") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func imagePaths(in html: String) -> [String] {
        html.components(separatedBy: "<img src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    func testPageReferencesExistingOverlaysAndNoWebLinks() throws {
        let a = folder.appendingPathComponent("a.png"), b = folder.appendingPathComponent("b.png")
        try Fixtures.writeImage(to: a); try Fixtures.writeImage(to: b)
        let run = ClassificationRun(category: "juice_bottle", model: "models/default", entries: [
            .classified(Fixtures.classification(image: a.path)),
            .failed(image: folder.appendingPathComponent("broken.png").path, error: "broken.png: file is empty"),
            .classified(Fixtures.classification(image: b.path)),
        ])
        let reportFolder = folder.appendingPathComponent("report")
        let page = try HTMLReport.write(run, to: reportFolder)
        XCTAssertEqual(page.lastPathComponent, "index.html")
        let html = try String(contentsOf: page, encoding: .utf8)

        let sources = imagePaths(in: html)
        XCTAssertEqual(sources.count, 2)
        for source in sources {
            XCTAssertFalse(source.hasPrefix("/"), "overlay path must be relative: \(source)")
            let png = try Data(contentsOf: reportFolder.appendingPathComponent(source))
            XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(source) is not a PNG")
        }
        XCTAssertEqual(Set(sources).count, 2, "each image gets its own overlay")
        XCTAssertFalse(html.lowercased().contains("http:"))
        XCTAssertFalse(html.lowercased().contains("https:"))
        XCTAssertFalse(html.contains("<link"), "no external stylesheet")
        XCTAssertFalse(html.contains("<script src"), "no external script")

        // Summary table first, then the sections; the failure is reported, not dropped.
        let summary = try XCTUnwrap(html.range(of: "<th>anomaly score</th>"))
        let firstSection = try XCTUnwrap(html.range(of: "<section"))
        XCTAssertLessThan(summary.lowerBound, firstSection.lowerBound)
        XCTAssertTrue(html.contains("broken.png: file is empty"))
        XCTAssertTrue(html.contains("missing_fruit_icon (quantity)"))
        XCTAssertTrue(html.contains("not classified: 1"))
    }

    func testTextFromTheModelIsEscaped() throws {
        let a = folder.appendingPathComponent("a.png")
        try Fixtures.writeImage(to: a)
        let run = ClassificationRun(category: "juice_bottle", model: "m", entries: [.classified(Fixtures.classification(image: a.path))])
        let html = try String(contentsOf: HTMLReport.write(run, to: folder.appendingPathComponent("r")), encoding: .utf8)
        XCTAssertTrue(html.contains("top label &lt;found&gt;"))
        XCTAssertTrue(html.contains("fruit icon &amp; &quot;centre&quot;"))
        XCTAssertFalse(html.contains("<found>"))
    }

    func testAnImageGoneSinceClassificationIsListedWithoutOverlay() throws {
        let gone = folder.appendingPathComponent("gone.png").path
        let run = ClassificationRun(category: "juice_bottle", model: "m", entries: [.classified(Fixtures.classification(image: gone))])
        let html = try String(contentsOf: HTMLReport.write(run, to: folder.appendingPathComponent("r")), encoding: .utf8)
        XCTAssertTrue(imagePaths(in: html).isEmpty)
        XCTAssertTrue(html.contains("No overlay:"))
    }
}
