import Annotations
import Imaging
import Model
import Rules

/// The targets of the part-map head (`VLMConfig.partClasses`), read from an image's grounding
/// annotation: like a centre-point detector, each patch is labelled with the part whose box
/// centre lies in it, so that counting a part amounts to counting its labelled patches.
public enum PartMapTargets {
    /// The classes of a new model's head: `background`, then the part classes of `books`, sorted.
    public static func classes(of books: [RuleBook]) -> [String] {
        ["background"] + Set(books.flatMap { $0.parts.map(\.name) }).sorted()
    }

    /// One class index per patch of `config`'s grid, row-major; nil for a model without the head.
    /// Box centres are mapped onto the model input by `letterbox`. Where several centres share a
    /// patch the smallest part wins (a pushpin over its compartment). Parts of a class the head
    /// does not know are left out; patches without a centre are background (0).
    public static func targets(_ annotation: ImageAnnotation, letterbox: Letterbox, config: VLMConfig) -> [Int]? {
        guard let classes = config.partClasses else { return nil }
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var targets = [Int](repeating: 0, count: config.patchCount)
        let largestFirst = annotation.parts.sorted { ($0.box.area, $1.id) > ($1.box.area, $0.id) }
        for part in largestFirst {
            guard let cls = index[part.cls], cls != 0 else { continue }
            let centre = letterbox.toCanvas(x: part.box.centerX, y: part.box.centerY)
            let column = Int((centre.x / Double(config.patchSize)).rounded(.down)), row = Int((centre.y / Double(config.patchSize)).rounded(.down))
            guard (0..<config.gridColumns).contains(column), (0..<config.gridRows).contains(row) else { continue }
            targets[row * config.gridColumns + column] = cls
        }
        return targets
    }
}
