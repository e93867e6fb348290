import Annotations
import Instruct
import Rules

/// Turns one model response into an `ImageClassification`: parses the steps, lets the rule
/// engine recompute the verdict from their answers, and attaches each step's confidence.
///
/// The model writes boxes as location words relative to the image's width and height
/// (docs/cot.md), so parsing against the classified image's own size gives its pixels, whatever
/// size the model saw.
public struct ResponseInterpreter: Sendable {
    public let plan: Plan
    private let parser: CoTParser

    public init(plan: Plan) {
        self.plan = plan
        self.parser = CoTParser(plan: plan)
    }

    public func interpret(_ trace: TokenTrace, image: String, width: Int, height: Int) -> ImageClassification {
        let text = trace.text
        let parsed = parser.parse(text, width: width, height: height)
        let evaluation = plan.evaluate(parsed.answers)
        let lines = trace.lines
        let steps = parsed.steps.map { step -> EvidenceStep in
            var boxes = step.evidence
            if case .boxes(let counted) = step.answer { boxes += counted.filter { !boxes.contains($0) } }
            let position = plan.subqueries.firstIndex { $0.id == step.subquery }.map { $0 + 1 } ?? 0
            let confidence = lines.indices.contains(step.line) ? trace.confidence(of: lines[step.line]) ?? 0 : 0
            return EvidenceStep(index: position, id: step.subquery, subquery: question(step.subquery), answer: step.answer.description,
                                boxes: boxes, confidence: confidence)
        }
        let verdict: Verdict = evaluation.isNormal && evaluation.unanswered.isEmpty ? .normal : .anomalous
        return ImageClassification(
            image: image, width: width, height: height,
            verdict: verdict, anomalyScore: AnomalyScore.score(verdict: verdict, stepConfidences: steps.map(\.confidence)),
            violatedTypes: zip(evaluation.types, evaluation.coarse).map { ViolatedType(type: $0, coarseClass: $1.rawValue) },
            steps: steps, unanswered: evaluation.unanswered, modelVerdict: Self.modelVerdict(parsed),
            modelTypes: (parsed.verdict ?? []) + parsed.unknownVerdictWords, generatedText: text)
    }

    /// The subquery's canonical question, or its id when the rule-book gives none.
    private func question(_ id: String) -> String {
        plan.subquery(id)?.questions.first ?? id
    }

    /// Normal for `verdict: normal`; anomalous when the verdict line names anything else.
    static func modelVerdict(_ parsed: ParsedResponse) -> Verdict? {
        guard let types = parsed.verdict else { return nil }
        return types.isEmpty && parsed.unknownVerdictWords.isEmpty ? .normal : .anomalous
    }
}
