import Annotations

/// One checked subquery of the model's reasoning, as a user reads it in the evidence trail.
public struct EvidenceStep: Codable, Hashable, Sendable {
    /// 1-based position in the category's plan.
    public var index: Int
    /// The subquery's id in the rule-book, e.g. `top_label`.
    public var id: String
    /// The question the step answers, e.g. `how many tangerines are in the left compartment?`.
    public var subquery: String
    /// The model's answer as written, e.g. `2` or `cherry`.
    public var answer: String
    /// The parts the step looked at, in pixels of the classified image.
    public var boxes: [Box]
    /// How sure the model was of the step: the geometric mean of its tokens' probabilities, in [0, 1].
    public var confidence: Double

    public init(index: Int, id: String, subquery: String, answer: String, boxes: [Box], confidence: Double) {
        self.index = index; self.id = id; self.subquery = subquery; self.answer = answer
        self.boxes = boxes; self.confidence = confidence
    }
}
