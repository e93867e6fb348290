import XCTest
import Rules
import Scenes

/// The oracle recovers exactly the labels of a freshly rendered dataset of all five categories.
final class SynthesizedAgreementTests: XCTestCase {
    func testOracleAgreesWithEveryRenderedLabel() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rules-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = DatasetPlan(seed: 20_261_125, train: 2, validation: 1, testGood: 3, testLogicalPerCase: 2)
        let writer = DatasetWriter(root: root, plan: plan, workers: 2)
        for category in SceneCategory.allCases { try writer.write(category: category) }

        let report = try AgreementReport.run(dataset: root, ruleBook: RuleBook.bundled)
        XCTAssertEqual(report.categories.map(\.category), SceneCategory.allCases.map(\.rawValue).sorted())
        let expectedImages = SceneCategory.allCases.reduce(0) { $0 + plan.jobs(for: $1).count }
        XCTAssertEqual(report.images, expectedImages)
        XCTAssertEqual(report.disagreements.map { "\($0.path): \($0.expected) vs \($0.derived)" }, [])
        XCTAssertEqual(report.agreement, 1.0)

        // Every type the rule-book knows was rendered, so the agreement covers all of them.
        for category in SceneCategory.allCases {
            let types = try RuleBook.bundled(category.rawValue).plan.types
            XCTAssertEqual(Set(types), Set(category.logicalTypes), category.rawValue)
            let labelled = Set(report.types.filter { $0.category == category.rawValue && $0.labelled > 0 }.map(\.type))
            XCTAssertEqual(labelled, Set(types + ["normal"]), category.rawValue)
        }
    }
}
