/// How a chain-of-thought text splits into words: the unit of the closed vocabulary, of the step
/// spans and of the model's tokenizer.
public enum CoTText {
    /// The words of a text: runs of non-blank characters, with each line break (`\n`, `\r\n`) as the word "\n".
    /// A pixel box `[x0, y0, x1, y1]` stays one word although it is written with spaces.
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        var lineStart = true
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if !lineStart { out.append(CoTWords.newline) }
            lineStart = false
            out += lineWords(line)
        }
        return out
    }

    /// The words of one line (no line breaks inside).
    static func lineWords<S: StringProtocol>(_ line: S) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for ch in line {
            if ch == "[" { depth += 1 }
            if ch == "]" { depth = max(0, depth - 1) }
            if (ch == " " || ch == "\t" || ch == "\r") && depth == 0 {
                if !current.isEmpty { out.append(current); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
