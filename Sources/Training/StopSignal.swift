import Foundation

/// Set by the signal handler; a plain flag is all a handler may touch.
nonisolated(unsafe) private var signalReceived: sig_atomic_t = 0

private func recordStopSignal(_ number: Int32) { signalReceived = 1 }

/// Turns SIGINT and SIGTERM into a flag the training loop polls between steps, so that an
/// interrupted run writes a checkpoint and exits cleanly instead of dying mid-step.
public final class StopSignal: @unchecked Sendable {
    private var raised = false
    private let lock = NSLock()

    public init() {}

    /// Starts catching SIGINT and SIGTERM (their default action, ending the process, is off
    /// until `uninstall()`).
    public func install() {
        signalReceived = 0
        signal(SIGINT, recordStopSignal)
        signal(SIGTERM, recordStopSignal)
    }

    /// Restores the default handling.
    public func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Sets the flag (what a signal does; also usable to stop a run from code).
    public func raise() {
        lock.lock(); raised = true; lock.unlock()
    }

    public var isRaised: Bool {
        lock.lock(); defer { lock.unlock() }
        return raised || signalReceived != 0
    }
}
