import Foundation

/// Linear warm-up to `peak` over `warmupSteps`, then a cosine decay to `minimum` at
/// `totalSteps` (and `minimum` after it).
public struct WarmupCosineSchedule: Sendable, Equatable {
    public var peak: Float
    public var minimum: Float
    public var warmupSteps: Int
    public var totalSteps: Int

    public init(peak: Float, minimum: Float = 0, warmupSteps: Int, totalSteps: Int) {
        require(warmupSteps >= 0 && totalSteps > warmupSteps,
                "WarmupCosineSchedule: need 0 <= warmupSteps (\(warmupSteps)) < totalSteps (\(totalSteps))")
        self.peak = peak
        self.minimum = minimum
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
    }

    /// The learning rate of step `step` (0-based).
    public func callAsFunction(_ step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        if step >= totalSteps { return minimum }
        let progress = Double(step - warmupSteps) / Double(totalSteps - warmupSteps)
        return minimum + (peak - minimum) * Float(0.5 * (1 + cos(Double.pi * progress)))
    }
}
