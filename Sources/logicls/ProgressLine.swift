import Foundation

/// `done/total` progress of a long command on stderr, with the rate. On a terminal it rewrites one
/// line; when stderr is a file or a pipe (CI logs, `2> log`) it writes whole lines, at most one
/// every `interval` seconds plus the last, so logs stay readable.
final class ProgressLine: @unchecked Sendable {
    let label: String
    let interval: Double
    private let start = Date()
    private var lastLine = Date.distantPast
    private let isTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
    private let lock = NSLock()

    init(label: String, interval: Double = 5) {
        self.label = label; self.interval = interval
    }

    func update(done: Int, total: Int) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let finished = done >= total
        guard finished || isTerminal || now.timeIntervalSince(lastLine) >= interval else { return }
        lastLine = now
        let rate = Double(done) / max(now.timeIntervalSince(start), 1e-6)
        let text = String(format: "%@: %d/%d images, %.1f images/s", label, done, total, rate)
        let line = isTerminal ? "\r" + text + (finished ? "\n" : "") : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
