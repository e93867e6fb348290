import Foundation
import Randomness

/// The surface a product lies on: a base colour with a soft light falloff and a speckled
/// texture, drawn beyond the frame so the camera's shift and rotation never reveal an edge.
enum Backdrop {
    static func draw(_ s: SceneContext, base: Colour, speckSpread: Double, specks: Int, using g: inout SeededGenerator) {
        let colour = base.jittered(0.06, brightness: 0.12, using: &g)
        let area = Shape.rect(x0: -0.1 * s.w, y0: -0.1 * s.h, x1: 1.1 * s.w, y1: 1.1 * s.h)
        let angle = g.uniform(0, 2 * Double.pi)
        let a = Point(s.w / 2 - cos(angle) * s.w / 2, s.h / 2 - sin(angle) * s.h / 2)
        let b = Point(s.w / 2 + cos(angle) * s.w / 2, s.h / 2 + sin(angle) * s.h / 2)
        s.canvas.fillLinear(area, from: a, to: b, [(0, colour.scaled(1.08), 1), (1, colour.scaled(0.92), 1)])
        let k = s.w / 256
        s.canvas.speckle(area, count: specks, base: colour, spread: speckSpread, size: (0.6 * k)...(1.8 * k), alpha: 0.5, using: &g)
    }
}
