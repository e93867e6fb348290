import Foundation

/// Writes the progress line (step, answer loss, part-map loss when trained, learning rate,
/// samples/s, ETA, and the share of time spent drawing data) every few seconds; throughput is
/// measured over the steps since the previous line.
public struct ProgressReporter {
    public let interval: Double
    private let write: (String) -> Void
    private var lastTime: Double
    private var lastStep: Int
    private var lastSamples: Int
    private var lossSum = 0.0
    private var lossCount = 0
    private var partLossSum = 0.0
    private var partLossCount = 0
    private var dataSeconds = 0.0

    public init(interval: Double, step: Int, samples: Int, write: @escaping (String) -> Void) {
        self.interval = interval
        self.write = write
        lastTime = ProgressReporter.now()
        lastStep = step
        lastSamples = samples
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    /// Records a finished step; prints a line when `interval` seconds have passed (or `force`).
    public mutating func record(step: Int, total: Int, loss: Float, partLoss: Float? = nil, learningRate: Float, samples: Int,
                                dataSeconds: Double, force: Bool = false) {
        lossSum += Double(loss)
        lossCount += 1
        if let partLoss {
            partLossSum += Double(partLoss)
            partLossCount += 1
        }
        self.dataSeconds += dataSeconds
        let time = ProgressReporter.now()
        let elapsed = time - lastTime
        guard force || elapsed >= interval, step > lastStep, elapsed > 0 else { return }
        let secondsPerStep = elapsed / Double(step - lastStep)
        let rate = Double(samples - lastSamples) / elapsed
        let eta = secondsPerStep * Double(max(0, total - step))
        let part = partLossCount > 0 ? String(format: "  part %.4f", partLossSum / Double(partLossCount)) : ""
        write(String(format: "step %d/%d  loss %.4f%@  lr %.2e  %.1f samples/s  data %.0f%%  ETA %@",
                     step, total, lossSum / Double(lossCount), part, learningRate, rate, 100 * self.dataSeconds / elapsed,
                     ProgressReporter.duration(eta)))
        lastTime = time
        lastStep = step
        lastSamples = samples
        lossSum = 0
        lossCount = 0
        partLossSum = 0
        partLossCount = 0
        self.dataSeconds = 0
    }

    /// `1h02m`, `4m05s` or `12s`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
