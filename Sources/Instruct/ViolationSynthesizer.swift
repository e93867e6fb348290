import Annotations
import Imaging
import Randomness
import Rules

/// Makes anomalous samples from normal ones by editing part instances in the image and the
/// annotation together (`PartEdit`); the oracle then names the types the result carries. It
/// needs only outlines and attributes, so it works on renders and on annotated photos alike.
public struct ViolationSynthesizer: Sendable {
    public let plan: Plan
    public let palette: ColourPalette
    private let augmenter: Augmenter

    public init(plan: Plan, palette: ColourPalette = ColourPalette()) {
        self.plan = plan; self.palette = palette
        self.augmenter = Augmenter(plan: plan, policy: .none)
    }

    /// Applies one edit and relabels with the oracle.
    public func apply(_ edit: PartEdit, to image: RGBImage, _ annotation: ImageAnnotation) throws -> AugmentedImage {
        guard image.width == annotation.width, image.height == annotation.height else {
            throw InstructError.sizeMismatch(image: annotation.image, imageWidth: image.width, imageHeight: image.height,
                                             annotationWidth: annotation.width, annotationHeight: annotation.height)
        }
        var canvas = PartCanvas(image: image, annotation: annotation)
        switch edit {
        case .remove(let id):
            let group = try canvas.group(id)
            canvas.erase(group)
            canvas.annotation.parts.removeAll { p in group.contains { $0.id == p.id } }
        case .duplicate(let id, let dx, let dy):
            let group = try canvas.group(id)
            try canvas.checkInside(group, dx, dy)
            let patch = canvas.lift(group)
            canvas.paste(patch, dx: dx, dy: dy)
            canvas.annotation.parts += canvas.renumbered(group.map { $0.shifted(dx, dy) })
        case .move(let id, let dx, let dy):
            let group = try canvas.group(id)
            try canvas.checkInside(group, dx, dy)
            let patch = canvas.lift(group)
            canvas.erase(group)
            canvas.paste(patch, dx: dx, dy: dy)
            canvas.replace(group, with: group.map { $0.shifted(dx, dy) })
        case .swap(let a, let b):
            let ga = try canvas.group(a), gb = try canvas.group(b)
            guard Set(ga.map(\.id)).isDisjoint(with: gb.map(\.id)) else {
                throw InstructError.editNotApplicable("parts \(a) and \(b) lie one inside the other")
            }
            let pa = ga[0].box, pb = gb[0].box
            let dx = Int((pb.centerX - pa.centerX).rounded()), dy = Int((pb.centerY - pa.centerY).rounded())
            try canvas.checkInside(ga, dx, dy)
            try canvas.checkInside(gb, -dx, -dy)
            let patchA = canvas.lift(ga), patchB = canvas.lift(gb)
            canvas.erase(ga + gb)
            canvas.paste(patchA, dx: dx, dy: dy)
            canvas.paste(patchB, dx: -dx, dy: -dy)
            canvas.replace(ga, with: ga.map { $0.shifted(dx, dy) })
            canvas.replace(gb, with: gb.map { $0.shifted(-dx, -dy) })
        case .recolour(let id, let attribute, let value):
            guard let part = canvas.annotation.parts.first(where: { $0.id == id }) else {
                throw InstructError.unknownPart(id: id, image: annotation.image)
            }
            guard let target = palette.colour(of: part.cls, attribute, value) else {
                throw InstructError.editNotApplicable("the palette has no colour for \(part.cls) \(attribute) \(value)")
            }
            try canvas.recolour(part, to: target)
            canvas.setAttribute(id, attribute, .string(value))
        }
        var out = try augmenter.relabel(canvas.annotation)
        out.image = annotation.image
        return AugmentedImage(image: canvas.image, annotation: out, applied: [edit.description])
    }

    /// The classes random edits act on: those the plan's subqueries look at, except the classes
    /// regions are laid over (removing a compartment would leave nothing to count in).
    public var editableClasses: [String] {
        var structural = Set<String>()
        for r in plan.regions.values {
            switch r.shape {
            case .parts(let c, _): structural.insert(c)
            case .zone(.part(let c), _, _, _, _), .grid(.part(let c), _, _): structural.insert(c)
            default: break
            }
        }
        var seen = Set<String>()
        return plan.subqueries.flatMap(\.parts).filter { !structural.contains($0) && seen.insert($0).inserted }
    }

    /// A random applicable edit of the annotation, nil when there is none: remove, duplicate or
    /// move an instance of an editable class (copies and moves land clear of other parts), swap
    /// two instances of different classes, or recolour a part to another value of the palette.
    public func randomEdit(_ annotation: ImageAnnotation, using rng: inout SeededGenerator) -> PartEdit? {
        let classes = Set(editableClasses)
        let parts = annotation.parts.filter { classes.contains($0.cls) }.sorted { $0.id < $1.id }
        guard !parts.isEmpty else { return nil }
        for _ in 0..<12 {
            let part = rng.pick(parts)
            switch rng.next() % 5 {
            case 0:
                return .remove(part: part.id)
            case 1, 2:
                guard let (dx, dy) = clearOffset(for: part, in: annotation, using: &rng) else { continue }
                return rng.next() % 2 == 0 ? .duplicate(part: part.id, dx: dx, dy: dy) : .move(part: part.id, dx: dx, dy: dy)
            case 3:
                let others = parts.filter { $0.cls != part.cls }
                guard !others.isEmpty else { continue }
                return .swap(part.id, rng.pick(others).id)
            default:
                let options = part.attributes.keys.sorted().flatMap { a in
                    palette.values(of: part.cls, a).filter { $0 != part[attribute: a]?.stringValue }.map { (a, $0) }
                }
                guard !options.isEmpty else { continue }
                let (a, v) = rng.pick(options)
                return .recolour(part: part.id, attribute: a, value: v)
            }
        }
        return nil
    }

    /// An offset that puts the part inside the image without overlapping any other editable part.
    private func clearOffset(for part: Part, in a: ImageAnnotation, using rng: inout SeededGenerator) -> (Int, Int)? {
        let classes = Set(editableClasses)
        let others = a.parts.filter { $0.id != part.id && classes.contains($0.cls) }.map(\.box)
        let b = part.box
        for _ in 0..<30 {
            let dx = Int(rng.uniform(-b.x0, Double(a.width) - b.x1)), dy = Int(rng.uniform(-b.y0, Double(a.height) - b.y1))
            let moved = Box(x0: b.x0 + Double(dx), y0: b.y0 + Double(dy), x1: b.x1 + Double(dx), y1: b.y1 + Double(dy))
            if abs(dx) + abs(dy) > 2, others.allSatisfy({ $0.iou(moved) == 0 }) { return (dx, dy) }
        }
        return nil
    }
}

extension Part {
    func shifted(_ dx: Int, _ dy: Int) -> Part {
        var p = self
        let x = Double(dx), y = Double(dy)
        p.box = Box(x0: box.x0 + x, y0: box.y0 + y, x1: box.x1 + x, y1: box.y1 + y)
        p.polygon = polygon?.map { pt in pt.count >= 2 ? [pt[0] + x, pt[1] + y] + pt.dropFirst(2) : pt }
        return p
    }
}
