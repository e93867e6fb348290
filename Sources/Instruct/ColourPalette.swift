import Annotations
import Imaging

/// The mean colour of each value of each colour-like attribute (`liquid colour red`, `cable colour
/// blue`), measured inside the parts' outlines over a set of annotated images. Recolouring moves a
/// part to the colour of another value; it works for renders and real photos alike.
public struct ColourPalette: Hashable, Sendable {
    /// `class attribute value` -> mean RGB.
    public private(set) var colours: [String: [Double]]

    public init(colours: [String: [Double]] = [:]) { self.colours = colours }

    static func key(_ cls: String, _ attribute: String, _ value: String) -> String { "\(cls) \(attribute) \(value)" }

    /// The palette of `attributes` (attribute names) measured over the images.
    public static func measure(_ images: [(RGBImage, ImageAnnotation)], attributes: Set<String>) -> ColourPalette {
        var sums: [String: ([Double], Int)] = [:]
        for (image, annotation) in images where image.channels == 3 {
            for part in annotation.parts {
                for (name, value) in part.attributes where attributes.contains(name) {
                    guard let v = value.stringValue,
                          let mean = PartMask(part, width: image.width, height: image.height).mean(in: image) else { continue }
                    let k = key(part.cls, name, v)
                    let (s, n) = sums[k] ?? ([0, 0, 0], 0)
                    sums[k] = (zip(s, mean).map(+), n + 1)
                }
            }
        }
        return ColourPalette(colours: sums.mapValues { s, n in s.map { $0 / Double(n) } })
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
