import Foundation

/// A value written in a rule-book that answers are compared with: `2`, `yes`, `red`,
/// `absent`, `*` (anything), a closed range `17..23` or a bound `<0.68`, `>=4`.
public enum ValuePattern: Hashable, Sendable, CustomStringConvertible {
    case any
    case absent
    case word(String)
    case number(Double)
    /// Bounds with their inclusiveness; a nil bound is open.
    case range(lower: Double?, lowerInclusive: Bool, upper: Double?, upperInclusive: Bool)

    /// Parses the rule-book spelling; nil when a range or bound is not numeric.
    public static func parse(_ text: String) -> ValuePattern? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "*" { return .any }
        if t == "absent" { return .absent }
        for (prefix, isLower, inclusive) in [("<=", false, true), (">=", true, true), ("<", false, false), (">", true, false)] {
            if t.hasPrefix(prefix) {
                guard let x = Double(t.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) else { return nil }
                return isLower ? .range(lower: x, lowerInclusive: inclusive, upper: nil, upperInclusive: false)
                               : .range(lower: nil, lowerInclusive: false, upper: x, upperInclusive: inclusive)
            }
        }
        if let dots = t.range(of: "..") {
            guard let lo = Double(t[..<dots.lowerBound]), let hi = Double(t[dots.upperBound...]), lo <= hi else { return nil }
            return .range(lower: lo, lowerInclusive: true, upper: hi, upperInclusive: true)
        }
        if let x = Double(t) { return .number(x) }
        return .word(t)
    }

    /// Whether the pattern compares numbers (counts, levels, numeric enum values).
    public var isNumeric: Bool {
        switch self {
        case .number, .range: return true
        default: return false
        }
    }

    /// Whether a number satisfies the pattern.
    public func contains(_ x: Double) -> Bool {
        switch self {
        case .any: return true
        case .absent, .word: return false
        case .number(let v): return x == v
        case .range(let lo, let loIn, let hi, let hiIn):
            if let lo, loIn ? x < lo : x <= lo { return false }
            if let hi, hiIn ? x > hi : x >= hi { return false }
            return true
        }
    }

    /// How far a number lies outside the pattern (0 inside); used to put a value that falls in a
    /// gap between size classes into the nearest one.
    func distance(to x: Double) -> Double {
        switch self {
        case .number(let v): return abs(x - v)
        case .range(let lo, _, let hi, _):
            if contains(x) { return 0 }
            if let lo, x <= lo { return lo - x }
            if let hi, x >= hi { return x - hi }
            return 0
        default: return contains(x) ? 0 : .infinity
        }
    }

    /// Whether an answer satisfies the pattern. A numeric enum value (`clamps: 2`) matches
    /// numerically; a box list matches by its number of boxes.
    public func matches(_ answer: Answer) -> Bool {
        switch (self, answer) {
        case (.any, _): return true
        case (.absent, .absent): return true
        case (_, .absent), (.absent, _): return false
        case (.word(let w), .yesNo(let b)): return w == (b ? "yes" : "no")
        case (.word(let w), .choice(let c)): return w == c
        case (.word, _): return false
        case (_, .count(let n)): return contains(Double(n))
        case (_, .boxes(let b)): return contains(Double(b.count))
        case (_, .level(let x)): return contains(x)
        case (_, .choice(let c)): return Double(c).map(contains) ?? false
        case (_, .yesNo): return false
        }
    }

    public var description: String {
        switch self {
        case .any: return "*"
        case .absent: return "absent"
        case .word(let w): return w
        case .number(let x): return Answer.level(x).description
        case .range(let lo, let loIn, let hi, let hiIn):
            switch (lo, hi) {
            case let (lo?, hi?) where loIn && hiIn: return "\(Answer.level(lo))..\(Answer.level(hi))"
            case let (lo?, nil): return (loIn ? ">=" : ">") + Answer.level(lo).description
            case let (nil, hi?): return (hiIn ? "<=" : "<") + Answer.level(hi).description
            default: return "*"
            }
        }
    }
}
