import Annotations
import Imaging

/// The mean colour of each value of each colour-like attribute (`liquid colour red`, `cable colour
/// blue`), measured inside the parts' outlines (less the parts drawn on them) over a set of
/// annotated images. Recolouring moves a
/// part to the colour of another value; it works for renders and real photos alike.
public struct ColourPalette: Hashable, Sendable {
    /// `class attribute value` -> mean RGB.
    public private(set) var colours: [String: [Double]]

    public init(colours: [String: [Double]] = [:]) { self.colours = colours }

    static func key(_ cls: String, _ attribute: String, _ value: String) -> String { "\(cls) \(attribute) \(value)" }

    /// The palette of `attributes` (attribute names) measured over the images.
    public static func measure(_ images: [(RGBImage, ImageAnnotation)], attributes: Set<String>) -> ColourPalette {
        var sums: [String: ([Double], Int)] = [:]
        for (image, annotation) in images where image.channels == 3 && image.width == annotation.width && image.height == annotation.height {
            for part in annotation.parts {
                for (name, value) in part.attributes where attributes.contains(name) {
                    guard let v = value.stringValue, let mean = visibleColour(of: part, in: image, annotation) else { continue }
                    let k = key(part.cls, name, v)
                    let (s, n) = sums[k] ?? ([0, 0, 0], 0)
                    sums[k] = (zip(s, mean).map(+), n + 1)
                }
            }
        }
        return ColourPalette(colours: sums.mapValues { s, n in s.map { $0 / Double(n) } })
    }

    /// The mean colour of the part where it is not covered by the parts drawn on it (the labels
    /// on a bottle's juice); nil when nothing of it is visible or the part is not in the annotation.
    public static func visibleColour(of part: Part, in image: RGBImage, _ annotation: ImageAnnotation) -> [Double]? {
        guard image.width == annotation.width, image.height == annotation.height,
              let mask = try? PartCanvas(image: image, annotation: annotation).visibleMask(part) else { return nil }
        return mask.mean(in: image)
    }

    public func colour(of cls: String, _ attribute: String, _ value: String) -> [Double]? {
        colours[Self.key(cls, attribute, value)]
    }

    /// The values of an attribute of a class that have a colour.
    public func values(of cls: String, _ attribute: String) -> [String] {
        let prefix = Self.key(cls, attribute, "")
        return colours.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    /// The value whose colour is nearest to `rgb`.
    public func nearest(_ rgb: [Double], cls: String, attribute: String) -> String? {
        values(of: cls, attribute).min { a, b in
            distance(colour(of: cls, attribute, a)!, rgb) < distance(colour(of: cls, attribute, b)!, rgb)
        }
    }

    private func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
}
