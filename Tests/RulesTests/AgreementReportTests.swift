import XCTest
import Annotations
import Rules

/// `rules check` semantics on a small dataset written to disk in the layout of docs/annotations.md.
final class AgreementReportTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rules-agreement-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ annotation: ImageAnnotation, label: String, defects: [String], name: String) throws {
        var a = annotation
        a.label = label; a.defects = defects.sorted(); a.image = "test/\(label)/\(name).png"
        let dir = root.appendingPathComponent(a.category).appendingPathComponent("annotations/test/\(label)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try a.jsonData().write(to: dir.appendingPathComponent("\(name).json"))
    }

    func testAgreementPerCategoryAndTypeWithDisagreements() throws {
        try write(HandBuilt.screwBag(), label: "good", defects: [], name: "000")
        try write(HandBuilt.screwBag(nuts: 3, washers: 1), label: "logical_anomalies", defects: ["1_additional_nut", "1_missing_washer"], name: "000")
        // Labelled wrongly on purpose: the scene has an extra nut only.
        try write(HandBuilt.screwBag(nuts: 3), label: "logical_anomalies", defects: ["1_additional_washer"], name: "001")
        try write(HandBuilt.juiceBottle(), label: "good", defects: [], name: "000")
        try write(HandBuilt.juiceBottle(), label: "structural_anomalies", defects: ["scratch"], name: "000")

        let report = try AgreementReport.run(dataset: root, ruleBook: RuleBook.bundled)
        XCTAssertEqual(report.categories.map(\.category), ["juice_bottle", "screw_bag"])
        XCTAssertEqual(report.categories.map(\.images), [1, 3])
        XCTAssertEqual(report.categories.map(\.agreeing), [1, 2])
        XCTAssertEqual(report.images, 4)
        XCTAssertEqual(report.agreement, 0.75)
        XCTAssertEqual(report.skippedStructural, 1)
        XCTAssertEqual(report.disagreements.map(\.path), ["screw_bag/annotations/test/logical_anomalies/001.json"])
        XCTAssertEqual(report.disagreements.map(\.expected), [["1_additional_washer"]])
        XCTAssertEqual(report.disagreements.map(\.derived), [["1_additional_nut"]])
        let nut = report.types.first { $0.category == "screw_bag" && $0.type == "1_additional_nut" }
        XCTAssertEqual(nut.map { [$0.labelled, $0.derived, $0.both] }, [1, 2, 1])
        let normal = report.types.first { $0.category == "screw_bag" && $0.type == "normal" }
        XCTAssertEqual(normal.map { [$0.labelled, $0.derived, $0.both] }, [1, 1, 1])

        let lines = report.text.split(separator: "\n")
        XCTAssertEqual(lines.last, "oracle agreement: 0.7500")
        XCTAssertTrue(lines.contains("  screw_bag: 2/3 = 0.6667"))
        XCTAssertTrue(lines.contains("  screw_bag/annotations/test/logical_anomalies/001.json: expected [1_additional_washer] got [1_additional_nut]"))

        let json = try JSONSerialization.jsonObject(with: Data(report.jsonText().utf8)) as? [String: Any]
        XCTAssertEqual(json?["agreement"] as? Double, 0.75)
        XCTAssertEqual((json?["disagreements"] as? [Any])?.count, 1)
    }

    func testOneCategoryOnly() throws {
        try write(HandBuilt.screwBag(), label: "good", defects: [], name: "000")
        try write(HandBuilt.juiceBottle(), label: "good", defects: ["missing_fruit_icon"], name: "000")
        let report = try AgreementReport.run(dataset: root, categories: ["screw_bag"], ruleBook: RuleBook.bundled)
        XCTAssertEqual(report.categories.map(\.category), ["screw_bag"])
        XCTAssertEqual(report.agreement, 1.0)
    }

    func testBadInputIsAClearError() throws {
        XCTAssertThrowsError(try AgreementReport.run(dataset: root, ruleBook: RuleBook.bundled)) { error in
            XCTAssertEqual(error as? RulesError, .unreadableDataset(root.path, "no such directory"))
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        XCTAssertThrowsError(try AgreementReport.run(dataset: root, ruleBook: RuleBook.bundled)) { error in
            XCTAssertEqual(error as? RulesError, .emptyDataset(root.path))
        }
        XCTAssertThrowsError(try AgreementReport.run(dataset: root, categories: ["teapots"], ruleBook: RuleBook.bundled)) { error in
            guard case .unknownCategory("teapots", _)? = error as? RulesError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try AgreementReport.run(dataset: root, categories: ["pushpins"], ruleBook: RuleBook.bundled)) { error in
            XCTAssertTrue("\(error)".contains("no annotations folder for category pushpins"), "\(error)")
        }
        let dir = root.appendingPathComponent("pushpins/annotations/test/good")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: dir.appendingPathComponent("000.json"))
        XCTAssertThrowsError(try AgreementReport.run(dataset: root, ruleBook: RuleBook.bundled)) { error in
            guard case .malformed(let path, _)? = error as? AnnotationError else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("pushpins/annotations/test/good/000.json"))
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("teapot/annotations"), withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("000.json"))
        XCTAssertThrowsError(try AgreementReport.run(dataset: root, ruleBook: RuleBook.bundled)) { error in
            guard case .unknownCategory("teapot", _)? = error as? RulesError else { return XCTFail("\(error)") }
        }
    }
}
