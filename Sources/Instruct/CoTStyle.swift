/// How a chain-of-thought writes boxes and numbers.
///
/// - `native`: for our model's closed word-level vocabulary. Boxes are four `<loc_N>` words;
///   counts are number words; a level is written as its number of rule-book steps (fill 0.76 at
///   step 0.01 is `76`), so every number is one word of `NumberWords`.
/// - `export`: for large-VLM trainers. Boxes are pixel coordinates `[x0, y0, x1, y1]`; levels are
///   written as their value (`0.76`).
public enum CoTStyle: String, Codable, CaseIterable, Sendable {
    case native
    case export
}

/// The numbers our model writes, each a single word: `0` ... `255`.
public enum NumberWords {
    public static let limit = 255

    public static var all: [String] { (0...limit).map(String.init) }

    /// The word of `n`, nil outside 0...limit.
    public static func word(_ n: Int) -> String? { (0...limit).contains(n) ? String(n) : nil }

    /// The number a word stands for, nil for any other word.
    public static func value(of word: String) -> Int? {
        guard let n = Int(word), (0...limit).contains(n), String(n) == word else { return nil }
        return n
    }
}
