import Foundation
import XCTest

/// The real juice_bottle photos (quarter-resolution MVTec LOCO AD, public half), kept beside the
/// repository in `../shared/data/juice_bottle_real`; `LOGICLS_JUICE_BOTTLE_REAL` may point
/// elsewhere. Throws `XCTSkip` with a clear message when they are absent.
public func realJuiceBottleFolder() throws -> URL {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = ProcessInfo.processInfo.environment["LOGICLS_JUICE_BOTTLE_REAL"].map { URL(fileURLWithPath: $0) }
        ?? packageRoot.appendingPathComponent("../shared/data/juice_bottle_real").standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw XCTSkip("real juice_bottle data not found at \(url.path); set LOGICLS_JUICE_BOTTLE_REAL to its folder")
    }
    return url
}
