import Foundation

/// Appends lines to a new file, each followed by "\n".
final class LineWriter {
    private let handle: FileHandle
    private let path: String

    init(_ url: URL) throws {
        path = url.path
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw InstructError.io(path: dir.path, reason: "cannot create folder: \(error.localizedDescription)")
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let h = FileHandle(forWritingAtPath: url.path) else {
            throw InstructError.io(path: url.path, reason: "cannot create file")
        }
        handle = h
    }

    func write(_ line: Data) throws {
        do { try handle.write(contentsOf: line + Data([0x0A])) } catch {
            throw InstructError.io(path: path, reason: "write failed: \(error.localizedDescription)")
        }
    }

    func close() throws {
        do { try handle.close() } catch { throw InstructError.io(path: path, reason: "close failed: \(error.localizedDescription)") }
    }
}
