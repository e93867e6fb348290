import Foundation

/// The generated tokens as text pieces, with the probability the model gave each chosen token.
/// It ties the parsed reasoning back to the model's confidence, line by line.
public struct TokenTrace: Hashable, Sendable {
    public let pieces: [String]
    public let probabilities: [Double]
    /// Character offset in `text` where each token starts, plus the text's length at the end.
    private let starts: [Int]

    public init(pieces: [String], probabilities: [Double]) {
        precondition(pieces.count == probabilities.count,
                     "\(pieces.count) token pieces but \(probabilities.count) probabilities")
        self.pieces = pieces; self.probabilities = probabilities
        var starts = [0]
        for piece in pieces { starts.append(starts[starts.count - 1] + piece.count) }
        self.starts = starts
    }

    public var text: String { pieces.joined() }

    /// One line of the generated text: its characters without the newline, and where they are.
    public struct Line: Hashable, Sendable {
        public let text: String
        /// Character offsets in the whole text, newline excluded.
        public let characters: Range<Int>
    }

    public var lines: [Line] {
        var lines: [Line] = []
        var offset = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(Line(text: String(line), characters: offset..<(offset + line.count)))
            offset += line.count + 1
        }
        return lines
    }

    /// The index of the token that wrote the character at `offset` of the whole text.
    public func token(atCharacter offset: Int) -> Int? {
        guard offset >= 0, offset < starts[starts.count - 1] else { return nil }
        var low = 0, high = pieces.count - 1
        while low < high {                      // last token whose start is <= offset
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The tokens that wrote any character of `characters`.
    public func tokens(covering characters: Range<Int>) -> Range<Int> {
        guard let first = token(atCharacter: characters.lowerBound),
              let last = token(atCharacter: characters.upperBound - 1) else { return 0..<0 }
        return first..<(last + 1)
    }

    /// The geometric mean of the tokens' probabilities: 1 when the model was certain of every
    /// token, dragged down by any token it hesitated on. Nil for an empty range.
    public func confidence(of tokens: Range<Int>) -> Double? {
        guard !tokens.isEmpty else { return nil }
        precondition(tokens.lowerBound >= 0 && tokens.upperBound <= pieces.count,
                     "token range \(tokens) outside 0..<\(pieces.count)")
        var logSum = 0.0
        for p in probabilities[tokens] { logSum += log(max(p, .leastNormalMagnitude)) }
        return exp(logSum / Double(tokens.count))
    }

    /// The confidence of one line of the text (see `confidence(of:)`).
    public func confidence(of line: Line) -> Double? {
        confidence(of: tokens(covering: line.characters))
    }
}
