import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a flag the training loop polls between steps, so that an
/// interrupted run writes a checkpoint and exits cleanly instead of dying mid-step.
public final class StopSignal: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private var raised = false
    private let lock = NSLock()

    public init() {}

    /// Starts catching SIGINT and SIGTERM (their default action, ending the process, is off
    /// until `uninstall()`).
    public func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the default handling.
    public func uninstall() {
        for source in sources { source.cancel() }
        sources = []
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Sets the flag (what a signal does; also usable to stop a run from code).
    public func raise() {
        lock.lock(); raised = true; lock.unlock()
    }

    public var isRaised: Bool {
        lock.lock(); defer { lock.unlock() }
        return raised
    }
}
