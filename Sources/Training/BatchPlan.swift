import Randomness

/// What one slot of a batch holds: a full inspection of a defect case, or a single-subquery
/// sample, with the seed its render/draw uses.
public struct PlannedSample: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case inspection, subquery }
    public var kind: Kind
    public var unit: Int
    public var seed: UInt64
}

/// The samplers of a run and how they fill a batch.
public struct SamplerState: Codable, Equatable, Sendable {
    public var cases: DifficultySampler
    public var subqueries: DifficultySampler?

    /// The plan of step `step`: drawn from a generator of `(seed, step)` and the samplers' current
    /// weights, so that it is the same whenever the samplers are in the same state.
    public func plan(step: Int, batchSize: Int, seed: UInt64) -> [PlannedSample] {
        var generator = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID("batch"), UInt64(step)])
        let fraction = cases.settings.enabled ? cases.settings.subqueryFraction : 0
        return (0..<batchSize).map { _ in
            if let subqueries, fraction > 0, generator.nextDouble() < fraction {
                return PlannedSample(kind: .subquery, unit: subqueries.draw(using: &generator), seed: generator.next())
            }
            return PlannedSample(kind: .inspection, unit: cases.draw(using: &generator), seed: generator.next())
        }
    }
}
