import Annotations
import Imaging
import Model
import Rules

/// The targets of the part-map head (`VLMConfig.partClasses`), read from an image's grounding
/// annotation: like a centre-point detector, each patch is labelled with the part whose box
/// centre lies in it, so that counting a part amounts to counting its labelled patches.
public enum PartMapTargets {
    /// The attribute that sorts a part class into size classes, and its scale.
    public typealias SizedAttribute = (attribute: String, scale: SizeScale)

    /// The classes of a new model's head: `background`, then the part classes of `books`, sorted.
    /// With `bySize` a part class with size classes contributes one class per size instead
    /// (`screw.long`, `screw.too_short`), so the encoder learns to tell the lengths apart where
    /// they are drawn, as it learns to tell a nut from a washer. With `byFlag` a part class with
    /// flag attributes also contributes one class per flag for a part where it is false
    /// (`cable.not_intact`): a cut cable is then a part of its own kind to the encoder, where a
    /// yes/no answer among a hundred words teaches it too little to see the cut.
    public static func classes(of books: [RuleBook], bySize: Bool = false, byFlag: Bool = false) -> [String] {
        let sized = bySize ? sizedAttributes(of: books) : [:]
        let names = books.flatMap(\.parts).flatMap { part in
            (sized[part.name].map { s in s.scale.names.map { sizedName(part.name, $0) } } ?? [part.name])
                + (byFlag ? flags(of: part).map { unflaggedName(part.name, $0) } : [])
        }
        return ["background"] + Set(names).sorted()
    }

    /// The flag attributes of a part class, by name.
    static func flags(of part: PartClass) -> [String] {
        part.attributes.keys.sorted().filter { if case .flag = part.attributes[$0] { return true } else { return false } }
    }

    /// The head's class of a part of class `part` whose flag `flag` is false.
    public static func unflaggedName(_ part: String, _ flag: String) -> String { "\(part).not_\(flag)" }

    /// Per part class of `books` with size classes: its sized attribute (the first by name).
    public static func sizedAttributes(of books: [RuleBook]) -> [String: SizedAttribute] {
        var result: [String: SizedAttribute] = [:]
        for part in books.flatMap(\.parts) {
            for name in part.attributes.keys.sorted() {
                guard result[part.name] == nil, case .sizes(let scale) = part.attributes[name] else { continue }
                result[part.name] = (name, scale)
            }
        }
        return result
    }

    /// The head's class of a part of class `part` in size class `size`.
    public static func sizedName(_ part: String, _ size: String) -> String { "\(part).\(size)" }

    /// One class index per patch of `config`'s grid, row-major; nil for a model without the head.
    /// Box centres are mapped onto the model input by `letterbox`. Where several centres share a
    /// patch the smallest part wins (a pushpin over its compartment). Parts of a class the head
    /// does not know are left out; patches without a centre are background (0). A part of a class in
    /// `sizes` is labelled with its size class when the head has one (`classes(of:bySize:)`), and a
    /// part with a false flag by that flag's class when the head has one (`byFlag`) before that.
    public static func targets(_ annotation: ImageAnnotation, letterbox: Letterbox, config: VLMConfig,
                               sizes: [String: SizedAttribute] = [:]) -> [Int]? {
        guard let classes = config.partClasses else { return nil }
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var targets = [Int](repeating: 0, count: config.patchCount)
        let largestFirst = annotation.parts.sorted { ($0.box.area, $1.id) > ($1.box.area, $0.id) }
        for part in largestFirst {
            let sized = sizes[part.cls].flatMap { s in
                part[attribute: s.attribute]?.numberValue.map { sizedName(part.cls, s.scale.classify($0)) }
            }
            let unflagged = part.attributes.keys.sorted().lazy.filter { part.attributes[$0]?.boolValue == false }
                .compactMap { index[unflaggedName(part.cls, $0)] }.first
            guard let cls = unflagged ?? sized.flatMap({ index[$0] }) ?? index[part.cls], cls != 0 else { continue }
            let centre = letterbox.toCanvas(x: part.box.centerX, y: part.box.centerY)
            let column = Int((centre.x / Double(config.patchSize)).rounded(.down)), row = Int((centre.y / Double(config.patchSize)).rounded(.down))
            guard (0..<config.gridColumns).contains(column), (0..<config.gridRows).contains(row) else { continue }
            targets[row * config.gridColumns + column] = cls
        }
        return targets
    }
}
