import Annotations
import Imaging

/// Draws evidence boxes with short labels on an image: the picture a user checks the model's
/// steps against.
public enum EvidenceOverlay {
    /// A box to draw and the label written at its top-left corner.
    public struct Marker: Hashable, Sendable {
        public var box: Box
        public var label: String
        /// Picks the colour; boxes of one step share it.
        public var group: Int

        public init(box: Box, label: String, group: Int) {
            self.box = box; self.label = label; self.group = group
        }
    }

    /// Distinct, saturated colours that stay readable on the products' backgrounds.
    static let palette: [(Double, Double, Double)] = [
        (0.90, 0.10, 0.10), (0.10, 0.55, 0.95), (0.10, 0.75, 0.20), (0.95, 0.60, 0.00),
        (0.70, 0.20, 0.85), (0.00, 0.75, 0.75), (0.95, 0.20, 0.60), (0.55, 0.45, 0.10),
    ]

    /// The boxes of every step, labelled with the step's number and subquery id; a box several
    /// steps cite (the liquid for colour and fill) is drawn once with all their labels.
    public static func boxes(of classification: ImageClassification) -> [Marker] {
        var order: [Box] = [], labels: [Box: [String]] = [:], groups: [Box: Int] = [:]
        for step in classification.steps {
            for box in step.boxes {
                if labels[box] == nil { order.append(box); groups[box] = step.index }
                labels[box, default: []].append("\(step.index) \(step.id)")
            }
        }
        return order.map { Marker(box: $0, label: labels[$0]!.joined(separator: ", "), group: groups[$0]!) }
    }

    /// `image` with the boxes drawn on it; line width and text size follow the image size. An
    /// image whose long side is below `minimumLongSide` is first enlarged by a whole factor (boxes
    /// with it), so that labels on small images stay readable.
    public static func draw(_ boxes: [Marker], on original: RGBImage, minimumLongSide: Int = 0) throws -> RGBImage {
        let longSide = max(original.width, original.height)
        let factor = longSide >= minimumLongSide ? 1 : (minimumLongSide + longSide - 1) / longSide
        let image = factor == 1 ? original
            : original.resized(width: original.width * factor, height: original.height * factor, method: .bilinear)
        let f = Double(factor)
        let canvas = try CairoCanvas(image: image)
        let side = Double(min(image.width, image.height))
        let line = max(1.5, side / 160)
        let fontSize = max(9, side / 22)
        canvas.setFont(size: fontSize, bold: true)
        for item in boxes {
            let colour = palette[((item.group % palette.count) + palette.count) % palette.count]
            let b = Box(x0: item.box.x0 * f, y0: item.box.y0 * f, x1: item.box.x1 * f, y1: item.box.y1 * f)
            canvas.setColour(colour)
            canvas.strokeRectangle(x: b.x0, y: b.y0, width: max(1, b.width), height: max(1, b.height), lineWidth: line)
            let size = canvas.measure(item.label)
            let pad = fontSize * 0.2
            let labelHeight = fontSize + 2 * pad
            // Above the box when there is room, else inside its top edge.
            let top = b.y0 - labelHeight >= 0 ? b.y0 - labelHeight : b.y0
            let left = min(max(0, b.x0), max(0, Double(image.width) - size.width - 2 * pad))
            canvas.setColour(colour, alpha: 0.85)
            canvas.fillRectangle(x: left, y: top, width: size.width + 2 * pad, height: labelHeight)
            canvas.setColour((1, 1, 1))
            canvas.text(item.label, x: left + pad, y: top + pad + fontSize * 0.8)
        }
        return canvas.image()
    }
}
