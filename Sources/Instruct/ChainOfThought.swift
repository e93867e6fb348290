/// Where one step lies in a response: its subquery, its word range (indices into
/// `CoTText.words(response)`, the line break after it excluded) and its character range.
public struct StepSpan: Codable, Hashable, Sendable {
    /// The subquery id, or `StepSpan.verdict` for the verdict line.
    public var subquery: String
    /// The `subquery` of the verdict line.
    public static let verdict = "verdict"
    /// Whether this is the verdict line rather than a step.
    public var isVerdict: Bool { subquery == Self.verdict }
    public var wordStart: Int
    public var wordEnd: Int
    public var charStart: Int
    public var charEnd: Int
    /// The word range of the step's answer (the verdict line's types), within `wordStart..<wordEnd`:
    /// the words the model must read off the image, not the subject, boxes and template words
    /// around them. Nil in samples written before it was recorded.
    public var answerStart: Int?
    public var answerEnd: Int?

    public init(subquery: String, wordStart: Int, wordEnd: Int, charStart: Int, charEnd: Int,
                answerStart: Int? = nil, answerEnd: Int? = nil) {
        self.subquery = subquery; self.wordStart = wordStart; self.wordEnd = wordEnd
        self.charStart = charStart; self.charEnd = charEnd
        self.answerStart = answerStart; self.answerEnd = answerEnd
    }

    /// `answerStart..<answerEnd` when both are known.
    public var answerWords: Range<Int>? {
        guard let answerStart, let answerEnd, answerStart <= answerEnd else { return nil }
        return answerStart..<answerEnd
    }

    enum CodingKeys: String, CodingKey {
        case subquery, wordStart = "word_start", wordEnd = "word_end", charStart = "char_start", charEnd = "char_end"
        case answerStart = "answer_start", answerEnd = "answer_end"
    }
}

/// A written chain-of-thought: the prompt, the response and where each step lies in it.
public struct ChainOfThought: Hashable, Sendable {
    public var prompt: String
    public var response: String
    /// The steps in response order, the verdict line last when there is one.
    public var steps: [StepSpan]

    /// Joins lines of words into a response and records each line's span; `answer` indexes the
    /// line's `words` (an entry may hold several response words, such as a pixel box).
    init(prompt: String, lines: [(subquery: String, words: [String], answer: Range<Int>)]) {
        self.prompt = prompt
        var response = ""
        var steps: [StepSpan] = []
        var word = 0
        for (i, line) in lines.enumerated() {
            if i > 0 { response += CoTWords.newline; word += 1 }
            let text = line.words.joined(separator: " ")
            let wordCount = CoTText.lineWords(text).count
            func wordsBefore(_ entry: Int) -> Int { CoTText.lineWords(line.words[..<entry].joined(separator: " ")).count }
            steps.append(StepSpan(subquery: line.subquery, wordStart: word, wordEnd: word + wordCount,
                                  charStart: response.count, charEnd: response.count + text.count,
                                  answerStart: word + wordsBefore(line.answer.lowerBound),
                                  answerEnd: word + wordsBefore(line.answer.upperBound)))
            response += text
            word += wordCount
        }
        self.response = response
        self.steps = steps
    }
}
