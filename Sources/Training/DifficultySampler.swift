import Foundation
import Randomness

/// Settings of difficulty-aware resampling (the `sampler:` section of a training config).
public struct SamplerSettings: Codable, Equatable, Sendable {
    /// Resample by difficulty and rarity; when false, draws follow the data's own frequencies
    /// (uniform over defect cases for renders).
    public var enabled: Bool = true
    /// `a` in `weight ∝ rarity^a · difficulty^b`.
    public var rarityExponent: Double = 0.5
    /// `b` in `weight ∝ rarity^a · difficulty^b`.
    public var difficultyExponent: Double = 1.0
    /// Share of the probability spread evenly over all units, so that no unit starves: each unit
    /// is drawn with probability at least `floor / unitCount`.
    public var floor: Double = 0.2
    /// Most draw probability of one unit, as a multiple of the even share `1 / unitCount`; the
    /// excess goes to the other units in proportion to their probabilities. Nil: no ceiling.
    /// Rarity can give a combination seen in 3 images a quarter of all draws.
    public var ceiling: Double?
    /// Weight of the history in the running difficulty: `d ← decay · d + (1 − decay) · loss`.
    public var decay: Double = 0.9
    /// Which loss of a full inspection is its defect case's difficulty.
    public var caseDifficulty: CaseDifficulty = .sample
    /// Fraction of each batch spent on single-subquery samples drawn by subquery difficulty
    /// (the rest are full inspections drawn by defect-case difficulty). Only used when enabled.
    public var subqueryFraction: Double = 0.25
    /// Steps between two lines of weights in the log and in `sampler.jsonl`.
    public var logEvery: Int = 200

    public init() {}

    /// The loss of a full inspection that its defect case's running difficulty follows.
    public enum CaseDifficulty: String, Codable, Equatable, Sendable, CaseIterable {
        /// The mean loss of the whole response: steps and verdict.
        case sample
        /// The mean loss of the verdict line's tokens: how far the model is from judging the case,
        /// which the hundred tokens of steps (each tracked by its subquery type) otherwise drown.
        case verdict
        /// The mean loss of the answers' tokens (each step's answer and the verdict line's types):
        /// how far the model is from reading the case's image, which the boxes and template words
        /// of the steps otherwise drown. A case whose step answer the model misses while the
        /// verdict follows from that answer (a "no" where "yes" is usual) has a high answer loss
        /// and a low verdict loss.
        case answers
    }

    /// Checks ranges; throws `TrainingError.invalidConfiguration` naming the field.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw TrainingError.invalidConfiguration("sampler.\(message)") }
        }
        try check(rarityExponent >= 0 && rarityExponent.isFinite, "rarityExponent must be >= 0, got \(rarityExponent)")
        try check(difficultyExponent >= 0 && difficultyExponent.isFinite, "difficultyExponent must be >= 0, got \(difficultyExponent)")
        try check((0...1).contains(floor), "floor must be in [0, 1], got \(floor)")
        if let ceiling { try check(ceiling >= 1 && ceiling.isFinite, "ceiling must be >= 1, got \(ceiling)") }
        try check(decay >= 0 && decay < 1, "decay must be in [0, 1), got \(decay)")
        try check((0...1).contains(subqueryFraction), "subqueryFraction must be in [0, 1], got \(subqueryFraction)")
        try check(logEvery > 0, "logEvery must be positive, got \(logEvery)")
    }
}

/// Decoding with defaults for absent fields (a training config names only what it changes).
extension SamplerSettings {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, rarityExponent, difficultyExponent, floor, ceiling, decay, caseDifficulty, subqueryFraction, logEvery
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var s = SamplerSettings()
        if let v = try c.decodeIfPresent(Bool.self, forKey: .enabled) { s.enabled = v }
        if let v = try c.decodeIfPresent(Double.self, forKey: .rarityExponent) { s.rarityExponent = v }
        if let v = try c.decodeIfPresent(Double.self, forKey: .difficultyExponent) { s.difficultyExponent = v }
        if let v = try c.decodeIfPresent(Double.self, forKey: .floor) { s.floor = v }
        if let v = try c.decodeIfPresent(Double.self, forKey: .ceiling) { s.ceiling = v }
        if let v = try c.decodeIfPresent(Double.self, forKey: .decay) { s.decay = v }
        if let v = try c.decodeIfPresent(String.self, forKey: .caseDifficulty) {
            guard let d = CaseDifficulty(rawValue: v) else {
                let names = CaseDifficulty.allCases.map(\.rawValue)
                throw DecodingError.dataCorruptedError(forKey: .caseDifficulty, in: c,
                                                       debugDescription: "must be \(names.dropLast().joined(separator: ", ")) or \(names.last!), got '\(v)'")
            }
            s.caseDifficulty = d
        }
        if let v = try c.decodeIfPresent(Double.self, forKey: .subqueryFraction) { s.subqueryFraction = v }
        if let v = try c.decodeIfPresent(Int.self, forKey: .logEvery) { s.logEvery = v }
        self = s
    }
}

/// Difficulty-aware resampling over named units (a defect case of a product, or a subquery type).
///
/// Each unit keeps a running difficulty, an exponential moving average of the losses observed
/// on it, and has a frequency: how often it occurs in the data. Its draw probability is
///
///     p_i = floor / N + (1 − floor) · w_i / Σ w,   w_i = rarity_i^a · difficulty_i^b,
///     rarity_i = (1 / frequency_i) / mean_j(1 / frequency_j)
///
/// so hard units and rare units are drawn more often, and every unit keeps at least
/// `floor / N`. With a ceiling, no unit gets more than `ceiling / N`: the excess of a unit
/// above it is spread over the others in proportion to their probabilities, repeatedly until
/// none is above. A unit not observed yet takes the mean difficulty of the observed ones (1 when
/// none is), so it is neither starved nor favoured. Switched off, `p_i ∝ frequency_i`: the data's
/// own distribution. The state is Codable so that a resumed run draws exactly as it would have.
public struct DifficultySampler: Codable, Equatable, Sendable {
    public let units: [String]
    public let frequencies: [Double]
    public var settings: SamplerSettings
    /// Running difficulty per unit; nil until the unit is observed.
    public private(set) var difficulties: [Double?]
    /// Observations per unit.
    public private(set) var observations: [Int]

    /// `units` with their data `frequencies` (positive; equal values make rarity neutral).
    public init(units: [String], frequencies: [Double], settings: SamplerSettings) {
        precondition(!units.isEmpty, "DifficultySampler: no units")
        precondition(units.count == frequencies.count,
                     "DifficultySampler: \(units.count) units but \(frequencies.count) frequencies")
        precondition(Set(units).count == units.count, "DifficultySampler: duplicate unit names in \(units)")
        precondition(frequencies.allSatisfy { $0 > 0 && $0.isFinite },
                     "DifficultySampler: frequencies must be positive, got \(frequencies)")
        self.units = units
        self.frequencies = frequencies
        self.settings = settings
        difficulties = Array(repeating: nil, count: units.count)
        observations = Array(repeating: 0, count: units.count)
    }

    /// The index of `unit`, or nil for a name that is not a unit.
    public func index(of unit: String) -> Int? { units.firstIndex(of: unit) }

    /// Folds one observed loss into the unit's running difficulty. Non-finite losses are ignored.
    public mutating func observe(_ unit: Int, loss: Double) {
        precondition(units.indices.contains(unit), "DifficultySampler.observe: unit \(unit) outside 0..<\(units.count)")
        guard loss.isFinite, loss >= 0 else { return }
        if let d = difficulties[unit] {
            difficulties[unit] = settings.decay * d + (1 - settings.decay) * loss
        } else {
            difficulties[unit] = loss
        }
        observations[unit] += 1
    }

    /// The draw probability of every unit (sums to 1).
    public var probabilities: [Double] {
        let n = Double(units.count)
        guard settings.enabled else {
            let total = frequencies.reduce(0, +)
            return frequencies.map { $0 / total }
        }
        let inverse = frequencies.map { 1 / $0 }
        let meanInverse = inverse.reduce(0, +) / n
        let seen = difficulties.compactMap { $0 }
        let fallback = seen.isEmpty ? 1 : seen.reduce(0, +) / Double(seen.count)
        let raw = units.indices.map { i -> Double in
            let rarity = inverse[i] / meanInverse
            let difficulty = max(difficulties[i] ?? fallback, 1e-6)
            return pow(rarity, settings.rarityExponent) * pow(difficulty, settings.difficultyExponent)
        }
        let total = raw.reduce(0, +)
        let p = raw.map { settings.floor / n + (1 - settings.floor) * $0 / total }
        guard let ceiling = settings.ceiling else { return p }
        return capped(p, at: ceiling / n)
    }

    /// `p` with no value above `cap` (at least `1 / p.count`, so every unit can stay below it),
    /// each excess spread over the uncapped units in proportion to their values.
    private func capped(_ p: [Double], at cap: Double) -> [Double] {
        var p = p, isCapped = Array(repeating: false, count: p.count)
        while case let over = p.indices.filter({ !isCapped[$0] && p[$0] > cap }), !over.isEmpty {
            let excess = over.reduce(0.0) { $0 + p[$1] - cap }
            for i in over { p[i] = cap; isCapped[i] = true }
            let free = p.indices.filter { !isCapped[$0] }
            let freeTotal = free.reduce(0.0) { $0 + p[$1] }
            guard freeTotal > 0 else { break }
            for i in free { p[i] += excess * p[i] / freeTotal }
        }
        return p
    }

    /// Draws a unit index with `probabilities`.
    public func draw(using generator: inout SeededGenerator) -> Int {
        let p = probabilities
        var u = generator.nextDouble()
        for (i, pi) in p.enumerated() {
            if u < pi { return i }
            u -= pi
        }
        return p.count - 1
    }
}
