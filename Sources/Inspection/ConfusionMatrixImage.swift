import Metrics
import Imaging

/// Draws a confusion matrix as a picture: labelled cases down, predicted cases across, each cell
/// shaded by its share of its row and showing its count.
public enum ConfusionMatrixImage {
    /// The matrix as an RGB image; class names are written beside the rows and above the columns.
    public static func draw(_ matrix: ConfusionMatrix, title: String) throws -> RGBImage {
        let n = max(1, matrix.classes.count)
        let cell = n > 24 ? 18.0 : 28.0
        let fontSize = cell * 0.42
        let longest = matrix.classes.map(\.count).max() ?? 4
        let labelSpace = max(60, Double(longest) * fontSize * 0.62 + 12)
        let top = labelSpace + 40, left = labelSpace + 20
        let width = Int(max(left + cell * Double(n) + 20, Double(title.count) * 9 + 20)), height = Int(top + cell * Double(n) + 20)
        let canvas = try CairoCanvas(width: width, height: height)
        canvas.setColour((0.1, 0.1, 0.1))
        canvas.setFont(size: 14, bold: true)
        canvas.text(title, x: 10, y: 20)
        canvas.setFont(size: fontSize)
        canvas.text("predicted →", x: left, y: 36)
        canvas.text("labelled ↓", x: 10, y: top - 6)
        for (i, name) in matrix.classes.enumerated() {
            let offset = Double(i) * cell
            canvas.setColour((0.1, 0.1, 0.1))
            let size = canvas.measure(name)
            canvas.text(name, x: left - size.width - 6, y: top + offset + cell * 0.65)
            canvas.text(name, x: left + offset + cell * 0.65, y: top - 6, angle: -Double.pi / 2)
        }
        for (i, row) in matrix.counts.enumerated() {
            let total = max(1, row.reduce(0, +))
            for (j, count) in row.enumerated() {
                let share = Double(count) / Double(total)
                let x = left + Double(j) * cell, y = top + Double(i) * cell
                // White to blue by row share; the diagonal (correct cases) in green.
                let shade = i == j ? (1 - 0.7 * share, 1 - 0.25 * share, 1 - 0.7 * share)
                                   : (1 - 0.75 * share, 1 - 0.55 * share, 1 - 0.1 * share)
                canvas.setColour(shade)
                canvas.fillRectangle(x: x, y: y, width: cell, height: cell)
                canvas.setColour((0.6, 0.6, 0.6))
                canvas.strokeRectangle(x: x, y: y, width: cell, height: cell, lineWidth: 1)
                if count > 0 {
                    canvas.setColour(share > 0.6 ? (1, 1, 1) : (0.1, 0.1, 0.1))
                    let text = String(count), size = canvas.measure(text)
                    canvas.text(text, x: x + (cell - size.width) / 2, y: y + cell * 0.65)
                }
            }
        }
        return canvas.image()
    }
}
