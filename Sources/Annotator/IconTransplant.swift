import Annotations
import Imaging

/// Puts the fruit icon of one photo on the top label of another, centred where the old icon
/// was: the donor's icon pixels (those that differ from the paper of their label row, as the
/// icon finder reads them) replace the target's, whose own icon has been painted out first.
enum IconTransplant {
    /// A donor pixel this far (sum of channel differences) from its row's paper is icon.
    static let paperDistance = 45

    struct Icon {
        var width: Int, height: Int
        /// Offsets from the icon box's top-left corner with their colours.
        var pixels: [(dx: Int, dy: Int, rgb: (UInt8, UInt8, UInt8))]
        var fruit: String
    }

    /// The icon of `donor`, nil when it has no top label with an icon.
    static func lift(from image: RGBImage, _ donor: ImageAnnotation) -> Icon? {
        guard let label = donor.parts(of: "top_label").first?.box, let icon = donor.parts(of: "fruit_icon").first,
              let fruit = icon[attribute: "fruit"]?.stringValue else { return nil }
        let b = icon.box
        var pixels: [(Int, Int, (UInt8, UInt8, UInt8))] = []
        for y in Int(b.y0)..<Int(b.y1) {
            let paper = IconFinder.paperColour(ofRow: y, columns: Int(label.x0)..<Int(label.x1), in: image)
            for x in Int(b.x0)..<Int(b.x1) {
                let d = (0..<3).reduce(0) { $0 + abs(Int(image[x, y, $1]) - paper[$1]) }
                if d > paperDistance { pixels.append((x - Int(b.x0), y - Int(b.y0), (image[x, y, 0], image[x, y, 1], image[x, y, 2]))) }
            }
        }
        guard !pixels.isEmpty else { return nil }
        return Icon(width: Int(b.width), height: Int(b.height), pixels: pixels, fruit: fruit)
    }

    /// Pastes `icon` centred on the point (`cx`, `cy`); returns its box.
    static func paste(_ icon: Icon, into image: inout RGBImage, centreX cx: Double, centreY cy: Double) -> Box {
        let x0 = Int((cx - Double(icon.width) / 2).rounded()), y0 = Int((cy - Double(icon.height) / 2).rounded())
        for p in icon.pixels {
            let x = x0 + p.dx, y = y0 + p.dy
            guard x >= 0, y >= 0, x < image.width, y < image.height else { continue }
            image[x, y, 0] = p.rgb.0; image[x, y, 1] = p.rgb.1; image[x, y, 2] = p.rgb.2
        }
        return Box(x0: Double(x0), y0: Double(y0), x1: Double(x0 + icon.width), y1: Double(y0 + icon.height))
    }
}
