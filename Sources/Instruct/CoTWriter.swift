import Foundation
import Annotations
import Rules

/// Writes the chain-of-thought of a plan's answers: the full single-pass inspection (prompt,
/// one step per answered subquery, verdict line) and single-subquery samples.
public struct CoTWriter: Sendable {
    public let plan: Plan
    public let style: CoTStyle
    public let locations: LocationTokens
    /// A step whose answer was read from more parts than this lists none of their boxes (22
    /// separators would cost 88 words); the count itself is always written.
    public let maxEvidenceBoxes: Int

    public init(plan: Plan, style: CoTStyle = .native, locations: LocationTokens = LocationTokens(),
                maxEvidenceBoxes: Int = 6) {
        self.plan = plan; self.style = style; self.locations = locations; self.maxEvidenceBoxes = maxEvidenceBoxes
    }

    /// The full inspection of an image of `width` x `height` pixels: the steps of `trail` (the
    /// answers of the applicable subqueries) and the verdict `types`.
    public func inspection(trail: [SubqueryAnswer], verdict types: [String], width: Int, height: Int,
                           phrasing: CoTPhrasing = .canonical) throws -> ChainOfThought {
        let words = AnswerWords(style: style, locations: locations, width: width, height: height)
        let byID = Dictionary(trail.map { ($0.subquery, $0) }, uniquingKeysWith: { first, _ in first })
        let order = phrasing.order ?? plan.subqueries.map(\.id)
        var lines: [(subquery: String, words: [String], answer: Range<Int>)] = []
        for id in order {
            guard let answer = byID[id], let subquery = plan.subquery(id) else { continue }
            let line = try step(subquery, answer, phrasing.steps[id] ?? .canonical, words)
            lines.append((id, line.words, line.answer))
        }
        let verdict = verdictWords(types)
        lines.append((StepSpan.verdict, verdict, 1..<verdict.count))
        return ChainOfThought(prompt: inspectionPrompt(phrasing.prompt), lines: lines)
    }

    /// A single-subquery sample: the question (a `questions` paraphrase of the rule-book in the
    /// export style, a short word prompt in the native style) and the one grounded step.
    public func single(_ answer: SubqueryAnswer, width: Int, height: Int, phrasing: StepPhrasing = .canonical,
                       prompt: Int = 0) throws -> ChainOfThought {
        guard let subquery = plan.subquery(answer.subquery) else {
            throw InstructError.invalidArgument("subquery '\(answer.subquery)' is not in the plan of \(plan.category)")
        }
        let words = AnswerWords(style: style, locations: locations, width: width, height: height)
        let text: String
        switch style {
        case .native:
            let t = StepTemplate.subqueryPrompts[prompt % StepTemplate.subqueryPrompts.count]
            text = t.replacingOccurrences(of: "{c}", with: plan.category)
                .replacingOccurrences(of: "{s}", with: phrasing.subject.words(subquery.id).joined(separator: " "))
        case .export:
            let questions = subquery.questions.isEmpty ? [subquery.id] : subquery.questions
            text = "Look at the \(plan.category) in the image. " + questions[prompt % questions.count]
                + " Give the boxes [x0, y0, x1, y1] in pixels of the parts you used and the answer."
        }
        let line = try step(subquery, answer, phrasing, words)
        return ChainOfThought(prompt: text, lines: [(subquery.id, line.words, line.answer)])
    }

    /// The number of prompt phrasings of a single-subquery sample.
    public func singlePromptCount(for subqueryID: String) -> Int {
        switch style {
        case .native: return StepTemplate.subqueryPrompts.count
        case .export: return max(1, plan.subquery(subqueryID)?.questions.count ?? 1)
        }
    }

    public func inspectionPrompt(_ index: Int) -> String {
        switch style {
        case .native:
            return StepTemplate.inspectionPrompts[index % StepTemplate.inspectionPrompts.count]
                .replacingOccurrences(of: "{c}", with: plan.category)
        case .export:
            return "Inspect the \(plan.category) in the image for logical anomalies. Answer each check on its own line"
                + " with the boxes [x0, y0, x1, y1] in pixels of the parts you used, then end with the line"
                + " `verdict: normal` or `verdict:` followed by the violated defect types."
        }
    }

    /// The verdict line: `verdict: normal` or `verdict:` and the types, sorted.
    public func verdictWords(_ types: [String]) -> [String] {
        [CoTWords.verdict] + (types.isEmpty ? [CoTWords.normal] : Array(Set(types)).sorted())
    }

    /// One step's words and which of them are its answer.
    private func step(_ subquery: Subquery, _ answer: SubqueryAnswer, _ phrasing: StepPhrasing,
                      _ words: AnswerWords) throws -> (words: [String], answer: Range<Int>) {
        let templates = StepTemplate.templates(for: subquery)
        let template = templates[phrasing.template % templates.count]
        let evidence = evidenceBoxes(answer)
        var out: [String] = []
        var answerWords = 0..<0
        for piece in template.pieces {
            switch piece {
            case .word(let w): out.append(w)
            case .subject: out += phrasing.subject.words(subquery.id)
            case .evidence: out += words.words(for: evidence)
            case .restated:
                for (restated, input) in zip(answer.restated, plan.restatedSubqueries(of: subquery)) {
                    out += try words.words(for: restated, of: input)
                }
            case .answer:
                let start = out.count
                out += try words.words(for: answer.answer, of: subquery)
                answerWords = start..<out.count
            }
        }
        return (out, answerWords)
    }

    /// The boxes of the distinct parts an answer used, none for an absent part, a box-list answer
    /// (its boxes are the answer), more than `maxEvidenceBoxes` parts or a subquery that lists no
    /// boxes (`boxes: false`).
    public func evidenceBoxes(_ answer: SubqueryAnswer) -> [Box] {
        guard plan.subquery(answer.subquery)?.listsBoxes ?? true else { return [] }
        switch answer.answer {
        case .absent, .boxes: return []
        default: break
        }
        var seen = Set<Int>()
        let parts = answer.evidence.filter { seen.insert($0.id).inserted }
        return parts.count <= maxEvidenceBoxes ? parts.map(\.box) : []
    }
}
