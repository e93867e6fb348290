import Foundation
import Inspection
import XCTest

/// The shipped model is found from anywhere inside the package; `--model` overrides it. A folder of
/// one model per category gives each category its own.
final class ModelLocatorTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("locator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("models/default"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".build/release"),
                                                withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func testFindsModelsDefaultWalkingUp() throws {
        let found = try ModelLocator.resolve(explicit: nil, searchStarts: [root.appendingPathComponent(".build/release")])
        XCTAssertEqual(found.standardizedFileURL.path, root.appendingPathComponent("models/default").standardizedFileURL.path)
    }

    func testExplicitDirectoryWins() throws {
        let other = root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let found = try ModelLocator.resolve(explicit: other.path, searchStarts: [root])
        XCTAssertEqual(found.path, other.standardizedFileURL.path)
    }

    func testMissingExplicitDirectoryIsAClearError() {
        let missing = root.appendingPathComponent("nope").path
        XCTAssertThrowsError(try ModelLocator.resolve(explicit: missing, searchStarts: [root])) { error in
            XCTAssertTrue(String(describing: error).contains(missing), "\(error)")
        }
    }

    func testNoDefaultModelAnywhereIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("locator-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try ModelLocator.resolve(explicit: nil, searchStarts: [empty])) { error in
            XCTAssertTrue(String(describing: error).contains("--model"), "\(error)")
        }
    }

    func testAFolderWithOneModelServesEveryCategory() throws {
        let single = root.appendingPathComponent("single")
        try FileManager.default.createDirectory(at: single, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: single.appendingPathComponent("config.json"))
        XCTAssertEqual(try ModelLocator.modelFolder(in: single, category: "pushpins"), single)
    }

    func testAFolderOfModelsPerCategoryGivesEachItsOwn() throws {
        let set = root.appendingPathComponent("models/default")
        for category in ["pushpins", "screw_bag"] {
            let folder = set.appendingPathComponent(category)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: folder.appendingPathComponent("config.json"))
        }
        XCTAssertEqual(try ModelLocator.modelFolder(in: set, category: "screw_bag").lastPathComponent, "screw_bag")
        XCTAssertEqual(try ModelLocator.modelFolder(in: set, category: "pushpins").lastPathComponent, "pushpins")
        XCTAssertThrowsError(try ModelLocator.modelFolder(in: set, category: "juice_bottle")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("juice_bottle/config.json") && text.contains(set.path), text)
        }
    }

    func testLoadingTheModelOfACategoryLoadsItsOwnWeights() throws {
        let set = root.appendingPathComponent("per-category")
        let saved = set.appendingPathComponent("juice_bottle")
        try TinyInspectionModel.make().save(to: saved)
        let (directory, _) = try ModelLocator.load(explicit: set.path, category: "juice_bottle", searchStarts: [root])
        XCTAssertEqual(directory.standardizedFileURL.path, saved.standardizedFileURL.path)
        XCTAssertThrowsError(try ModelLocator.load(explicit: set.path, category: "pushpins", searchStarts: [root]))
    }
}
