import Annotations

/// A rectangle of whole pixels, columns `x0..<x1` and rows `y0..<y1`: what the finders search over.
struct PixelRect: Hashable, Sendable {
    var x0: Int, y0: Int, x1: Int, y1: Int

    var width: Int { x1 - x0 }
    var height: Int { y1 - y0 }
    var area: Int { max(0, width) * max(0, height) }

    func overlaps(_ o: PixelRect) -> Bool { min(x1, o.x1) > max(x0, o.x0) && min(y1, o.y1) > max(y0, o.y0) }

    /// Shrunk by `fx` of its width and `fy` of its height on each side.
    func inset(fx: Double, fy: Double) -> PixelRect {
        let dx = Int((Double(width) * fx).rounded()), dy = Int((Double(height) * fy).rounded())
        return PixelRect(x0: x0 + dx, y0: y0 + dy, x1: x1 - dx, y1: y1 - dy)
    }

    /// The annotation box: pixel edges, so a one-pixel rectangle at x spans [x, x + 1].
    var box: Box { Box(x0: Double(x0), y0: Double(y0), x1: Double(x1), y1: Double(y1)) }
}
