import Annotations
import Foundation

/// How well found parts agree with reference parts (hand-checked boxes): per part class, the
/// IoU of the found box with the reference box, and the images where one side has the part and
/// the other not. Every class here has at most one instance per image.
public struct BoxAgreement: Sendable {
    /// IoUs per class, one per image where both sides have the part.
    public private(set) var ious: [String: [Double]] = [:]
    /// Image names per class where exactly one side has the part.
    public private(set) var presenceMismatches: [String: [String]] = [:]

    public init() {}

    /// Adds one image: `found` by the annotator, `reference` checked by hand.
    public mutating func add(image: String, found: [Part], reference: [Part]) {
        for cls in Set(found.map(\.cls)).union(reference.map(\.cls)).sorted() {
            let f = found.first { $0.cls == cls }, r = reference.first { $0.cls == cls }
            if let f, let r {
                ious[cls, default: []].append(f.box.iou(r.box))
            } else {
                presenceMismatches[cls, default: []].append(image)
            }
        }
    }

    public func meanIoU(_ cls: String) -> Double? {
        guard let v = ious[cls], !v.isEmpty else { return nil }
        return v.reduce(0, +) / Double(v.count)
    }

    public func minimumIoU(_ cls: String) -> Double? { ious[cls]?.min() }

    /// One line per class: mean and minimum IoU over the images with the part, and mismatches.
    public var text: String {
        Set(ious.keys).union(presenceMismatches.keys).sorted().map { cls in
            let format = { (v: Double?) in v.map { String(format: "%.3f", $0) } ?? "-" }
            return "\(cls): \(ious[cls]?.count ?? 0) boxes, mean IoU \(format(meanIoU(cls))), "
                + "min \(format(minimumIoU(cls))), presence mismatches \(presenceMismatches[cls]?.count ?? 0)"
        }.joined(separator: "\n")
    }
}
