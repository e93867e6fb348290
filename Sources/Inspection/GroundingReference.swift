import Annotations
import Instruct
import Metrics
import Rules

/// The boxes grounding IoU compares: those the model cited, each with the part class its subquery
/// looks at, and the annotated parts the oracle reads the same subqueries from.
struct GroundingReference {
    let plan: Plan
    let oracle: Oracle
    /// Steps that read more parts than the chain-of-thought lists boxes for cite none.
    let maxEvidenceBoxes: Int

    init(plan: Plan) {
        self.plan = plan
        self.oracle = Oracle(plan: plan)
        self.maxEvidenceBoxes = CoTWriter(plan: plan).maxEvidenceBoxes
    }

    func cited(_ c: ImageClassification) -> [LabelledBox] {
        // A box cited again by a later step (the label under the icon) keeps its first class.
        var seen = Set<Box>(), out: [LabelledBox] = []
        for step in c.steps {
            guard let cls = plan.subquery(step.id)?.parts.first else { continue }
            for box in step.boxes where seen.insert(box).inserted {
                out.append(LabelledBox(cls: cls, box: box))
            }
        }
        return out
    }

    func annotated(_ annotation: ImageAnnotation) -> [LabelledBox] {
        var seen = Set<Int>(), out: [LabelledBox] = []
        for step in oracle.answers(for: annotation) where step.evidence.count <= maxEvidenceBoxes {
            for part in step.evidence where seen.insert(part.id).inserted {
                out.append(LabelledBox(cls: part.cls, box: part.box))
            }
        }
        return out
    }
}
