import Annotations
import Rules

/// Reads a response (any template phrasing, steps in any order) back into subquery answers,
/// evidence boxes and the stated verdict. Junk never stops it: a line it cannot read is listed,
/// and a subquery without a readable step is reported missing.
public struct CoTParser: Sendable {
    public let plan: Plan
    public let style: CoTStyle
    public let locations: LocationTokens

    /// One way a line can name a subquery: the subquery, a template and a subject form.
    private struct Pattern: Sendable {
        let subquery: Subquery
        let template: StepTemplate
        let subject: [String]
    }
    private let patterns: [Pattern]

    public init(plan: Plan, style: CoTStyle = .native, locations: LocationTokens = LocationTokens()) {
        self.plan = plan; self.style = style; self.locations = locations
        var patterns: [Pattern] = []
        for s in plan.subqueries {
            for t in StepTemplate.templates(for: s) {
                for form in SubjectForm.allCases {
                    let subject = form.words(s.id)
                    if form == .spelled && subject == SubjectForm.id.words(s.id) { continue }
                    patterns.append(Pattern(subquery: s, template: t, subject: subject))
                }
            }
        }
        self.patterns = patterns
    }

    /// Parses a response to an image of `width` x `height` pixels (location words become pixels).
    public func parse(_ response: String, width: Int, height: Int) -> ParsedResponse {
        let reader = AnswerWords(style: style, locations: locations, width: width, height: height)
        var steps: [ParsedStep] = []
        var seen = Set<String>()
        var repeated: [String] = []
        var verdict: [String]?
        var unknownVerdict: [String] = []
        var unread: [Int] = []
        let known = Set(plan.types)

        for (index, line) in response.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let words = CoTText.lineWords(line)
            if words.isEmpty { continue }
            if words[0] == CoTWords.verdict {
                guard verdict == nil else { unread.append(index); continue }
                let rest = Array(words.dropFirst())
                if rest == [CoTWords.normal] {
                    verdict = []
                } else if !rest.isEmpty {
                    verdict = Array(Set(rest.filter(known.contains))).sorted()
                    unknownVerdict = rest.filter { !known.contains($0) }
                } else {
                    unread.append(index)
                }
                continue
            }
            guard let step = match(words[...], line: index, reader: reader) else { unread.append(index); continue }
            if seen.insert(step.subquery).inserted { steps.append(step) } else { repeated.append(step.subquery) }
        }

        let answers = Dictionary(steps.map { ($0.subquery, $0.answer) }, uniquingKeysWith: { a, _ in a })
        let missing = plan.subqueries.filter { answers[$0.id] == nil && plan.isApplicable($0, given: answers) }.map(\.id)
        return ParsedResponse(steps: steps, verdict: verdict, unknownVerdictWords: unknownVerdict, missing: missing,
                              repeated: repeated, unreadLines: unread)
    }

    /// The first pattern (in plan order) the whole line matches.
    private func match(_ words: ArraySlice<String>, line: Int, reader: AnswerWords) -> ParsedStep? {
        for p in patterns {
            if let (answer, evidence) = match(words, p, reader: reader) {
                return ParsedStep(subquery: p.subquery.id, answer: answer, evidence: evidence, line: line)
            }
        }
        return nil
    }

    private func match(_ words: ArraySlice<String>, _ p: Pattern, reader: AnswerWords) -> (Answer, [Box])? {
        var rest = words
        var answer: Answer?
        var evidence: [Box] = []
        for piece in p.template.pieces {
            switch piece {
            case .word(let w):
                guard rest.first == w else { return nil }
                rest = rest.dropFirst()
            case .subject:
                guard rest.starts(with: p.subject) else { return nil }
                rest = rest.dropFirst(p.subject.count)
            case .evidence:
                guard let (n, boxes) = reader.leadingBoxes(rest) else { return nil }
                evidence = boxes
                rest = rest.dropFirst(n)
            case .restated:
                // One answer word per restated subquery; the values count from their own steps.
                for s in plan.restatedSubqueries(of: p.subquery) {
                    guard let w = rest.first, reader.answer(from: w, for: s) != nil else { return nil }
                    rest = rest.dropFirst()
                }
            case .answer:
                if p.subquery.answerType == .boxes, let (n, boxes) = reader.leadingBoxes(rest), n > 0 {
                    answer = .boxes(boxes)
                    rest = rest.dropFirst(n)
                } else {
                    guard let w = rest.first, let a = reader.answer(from: w, for: p.subquery) else { return nil }
                    answer = a
                    rest = rest.dropFirst()
                }
            }
        }
        guard rest.isEmpty, let answer else { return nil }
        return (answer, evidence)
    }
}
