import Annotations

/// A box with the part class it shows, as a classifier cites it or an annotation holds it.
public struct LabelledBox: Codable, Hashable, Sendable {
    public var cls: String
    public var box: Box

    public init(cls: String, box: Box) {
        self.cls = cls
        self.box = box
    }
}

/// How well cited boxes ground the annotated parts: boxes are matched one to one within each
/// class, greedily by highest IoU, and the matched IoUs are summed and divided by the larger of
/// the two counts, so missing and extra boxes both lower the score. 1 when every box matches
/// exactly; nil when both lists are empty.
public func groundingIoU(predicted: [LabelledBox], reference: [LabelledBox]) -> Double? {
    let denominator = max(predicted.count, reference.count)
    guard denominator > 0 else { return nil }
    var pairs: [(iou: Double, p: Int, r: Int)] = []
    for (pi, p) in predicted.enumerated() {
        for (ri, r) in reference.enumerated() where p.cls == r.cls {
            let iou = p.box.iou(r.box)
            if iou > 0 { pairs.append((iou, pi, ri)) }
        }
    }
    // Highest IoU first; ties broken by position so the result does not depend on sort stability.
    pairs.sort { ($0.iou, -$0.p, -$0.r) > ($1.iou, -$1.p, -$1.r) }
    var usedPredicted = Set<Int>(), usedReference = Set<Int>()
    var total = 0.0
    for pair in pairs where !usedPredicted.contains(pair.p) && !usedReference.contains(pair.r) {
        usedPredicted.insert(pair.p)
        usedReference.insert(pair.r)
        total += pair.iou
    }
    return total / Double(denominator)
}
