import Annotations
import Imaging
import Instruct
import Randomness
import Rules

/// Makes every juice_bottle logical anomaly from annotated normal photos by editing the photo
/// and its annotation together: labels removed, moved or swapped (Instruct's `PartEdit`), the
/// icon removed, moved, or replaced by the icon of another juice's photo, the juice drained,
/// lowered or raised. The oracle of the rule-book relabels each result, and a result whose
/// types are not exactly the intended one is refused, so every label is the oracle's.
public struct RealViolationSynthesizer: Sendable {
    /// The eleven juice_bottle logical types, in the order of docs/annotations.md.
    public static let types = [
        "missing_top_label", "missing_bottom_label", "swapped_labels", "misplaced_label_top",
        "misplaced_label_bottom", "empty_bottle", "wrong_fill_level_too_much", "wrong_fill_level_not_enough",
        "misplaced_fruit_icon", "missing_fruit_icon", "wrong_juice_type",
    ]

    private let editor: ViolationSynthesizer
    private let relabeller: Augmenter

    public init(ruleBook: RuleBook) {
        editor = ViolationSynthesizer(plan: ruleBook.plan)
        relabeller = Augmenter(plan: ruleBook.plan, policy: .none)
    }

    /// A photo showing exactly `type`, made from the normal photo `image` with `annotation`;
    /// `donors` (other annotated photos) give the icons for wrong_juice_type.
    public func synthesize(_ type: String, from image: RGBImage, _ annotation: ImageAnnotation,
                           donors: [(RGBImage, ImageAnnotation)] = [],
                           using rng: inout SeededGenerator) throws -> SynthesizedPhoto {
        guard Self.types.contains(type) else { throw SynthesisError.unknownType(type, known: Self.types) }
        func part(_ cls: String) throws -> Part {
            guard let p = annotation.parts(of: cls).first else {
                throw SynthesisError.notApplicable("\(annotation.image) has no \(cls)")
            }
            return p
        }
        func sign() -> Double { rng.next() % 2 == 0 ? -1 : 1 }
        let bottle = try part("bottle").box
        let result: SynthesizedPhoto
        func edit(_ e: PartEdit) throws -> SynthesizedPhoto {
            let r = try editor.apply(e, to: image, annotation)
            return SynthesizedPhoto(image: r.image, annotation: r.annotation, applied: r.applied)
        }
        switch type {
        case "missing_top_label":
            result = try edit(.remove(part: try part("top_label").id))
        case "missing_bottom_label":
            result = try edit(.remove(part: try part("bottom_label").id))
        case "swapped_labels":
            result = try edit(.swap(try part("top_label").id, try part("bottom_label").id))
        case "misplaced_label_top":
            // Sideways off the middle (hanging over the glass edge), or down towards the bottom label.
            let sideways = rng.nextDouble() < 0.6
            let dx = sideways ? sign() * rng.uniform(0.2, 0.28) * bottle.width : 0
            let dy = sideways ? 0 : rng.uniform(0.08, 0.11) * bottle.height
            result = try edit(.move(part: try part("top_label").id, dx: Int(dx.rounded()), dy: Int(dy.rounded())))
        case "misplaced_label_bottom":
            // Up towards the top label, or sideways.
            let sideways = rng.nextDouble() < 0.5
            let dx = sideways ? sign() * rng.uniform(0.2, 0.28) * bottle.width : 0
            let dy = sideways ? 0 : -rng.uniform(0.13, 0.16) * bottle.height
            result = try edit(.move(part: try part("bottom_label").id, dx: Int(dx.rounded()), dy: Int(dy.rounded())))
        case "misplaced_fruit_icon":
            // Mostly up or down, a little sideways, by as much as the real anomalies are off centre
            // (0.15 to 0.18 of the label on the larger axis, docs/real-photos.md): a farther move
            // teaches the model that an icon slightly off centre is still centred.
            let label = try part("top_label").box
            let dx = sign() * rng.uniform(0, 0.14) * label.width, dy = sign() * rng.uniform(0.14, 0.2) * label.height
            result = try edit(.move(part: try part("fruit_icon").id, dx: Int(dx.rounded()), dy: Int(dy.rounded())))
        case "missing_fruit_icon":
            result = try edit(.remove(part: try part("fruit_icon").id))
        case "wrong_juice_type":
            let icon = try part("fruit_icon")
            let fruit = icon[attribute: "fruit"]?.stringValue
            let candidates = donors.compactMap { IconTransplant.lift(from: $0.0, $0.1) }.filter { $0.fruit != fruit }
            guard !candidates.isEmpty else { throw SynthesisError.notApplicable("no donor icon of another fruit than \(fruit ?? "none")") }
            let donor = rng.pick(candidates)
            var erased = try edit(.remove(part: icon.id))
            let box = IconTransplant.paste(donor, into: &erased.image, centreX: icon.box.centerX, centreY: icon.box.centerY)
            var edited = erased.annotation
            edited.parts.append(Part(id: (edited.parts.map(\.id).max() ?? -1) + 1, cls: "fruit_icon", box: box,
                                     attributes: ["fruit": .string(donor.fruit)]))
            result = SynthesizedPhoto(image: erased.image, annotation: try relabeller.relabel(edited),
                                    applied: erased.applied + ["paste a \(donor.fruit) icon"])
        default:
            // The juice: empty, too much or not enough.
            let g = try LiquidEdit.Geometry(image, annotation)
            var edited = image
            let old = Int(g.liquid.y0)
            let surface: Int?
            switch type {
            case "empty_bottle":
                LiquidEdit.drain(&edited, g, rows: Int(g.liquid.y0)..<Int(g.bottle.y1))
                surface = nil
            // Fill levels over the range of the real anomalies (0.42 to 0.75 and 0.82 to 0.95),
            // reaching to 0.01 from the normal band 0.76 to 0.815.
            case "wrong_fill_level_not_enough":
                let new = Int((g.bottle.y1 - rng.uniform(0.40, 0.75) * g.bottle.height).rounded())
                LiquidEdit.drain(&edited, g, rows: old..<new)
                surface = new
            default:
                let new = Int((g.bottle.y1 - rng.uniform(0.825, 0.95) * g.bottle.height).rounded())
                LiquidEdit.raise(&edited, g, from: old, to: new)
                surface = new
            }
            result = SynthesizedPhoto(image: edited, annotation: try relabeller.relabel(LiquidEdit.annotation(annotation, g, surface: surface)),
                                    applied: ["\(type): surface \(surface.map(String.init) ?? "none")"])
        }
        guard result.annotation.defects == [type] else {
            throw SynthesisError.missedType(intended: type, derived: result.annotation.defects, image: annotation.image)
        }
        return result
    }
}

/// An edited photo and its annotation, with `defects` derived by the oracle.
public struct SynthesizedPhoto: Sendable {
    public var image: RGBImage
    public var annotation: ImageAnnotation
    /// The edits made, in order.
    public var applied: [String]
}

/// Why a violation could not be made from a photo.
public enum SynthesisError: Error, Equatable, CustomStringConvertible {
    case unknownType(String, known: [String])
    /// The photo lacks what the edit needs (a part, a donor icon of another fruit).
    case notApplicable(String)
    /// The edited photo does not show exactly the intended type by the oracle.
    case missedType(intended: String, derived: [String], image: String)

    public var description: String {
        switch self {
        case .unknownType(let t, let known): return "unknown juice_bottle type '\(t)'; known: \(known.joined(separator: ", "))"
        case .notApplicable(let why): return "edit not applicable: \(why)"
        case .missedType(let t, let d, let image):
            return "editing \(image) for \(t) gave [\(d.joined(separator: ", "))] by the oracle"
        }
    }
}
