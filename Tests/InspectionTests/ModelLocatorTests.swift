import Foundation
import Inspection
import XCTest

/// The shipped model is found from anywhere inside the package; `--model` overrides it.
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
}
