import Annotations
import Foundation

/// What a product scene draws into: the canvas, plus the annotation parts and defect regions it
/// records as it draws. Outlines are given in scene pixels; boxes and polygons are stored in image
/// pixels after the camera, so they follow exactly what was drawn.
final class SceneContext {
    let canvas: Canvas
    let camera: Affine
    /// Scene size in pixels (the stored image's size).
    let w: Double
    let h: Double
    private(set) var parts: [Part] = []
    private(set) var regions: [(type: String, outlines: [[Point]])] = []

    init(width: Int, height: Int, camera: Affine) {
        self.canvas = Canvas(width: width, height: height, camera: camera)
        self.camera = camera
        self.w = Double(width); self.h = Double(height)
    }

    /// Records a part whose visible extent is `outline`; returns its id.
    @discardableResult
    func addPart(_ cls: String, outline: [Point], attributes: [String: AttributeValue] = [:], keepPolygon: Bool = false) -> Int {
        let image = outline.map { p -> Point in
            let q = camera.apply(p)
            return Point(min(max(q.x, 0), w), min(max(q.y, 0), h))
        }
        let xs = image.map(\.x), ys = image.map(\.y)
        let box = Box(x0: rounded(xs.min()!), y0: rounded(ys.min()!), x1: rounded(xs.max()!), y1: rounded(ys.max()!))
        let polygon = keepPolygon ? image.map { [rounded($0.x), rounded($0.y)] } : nil
        parts.append(Part(id: parts.count, cls: cls, box: box, polygon: polygon, attributes: attributes))
        return parts.count - 1
    }

    /// Records one defect region of `type` (one mask file), the union of `outlines`.
    func addRegion(_ type: String, _ outlines: [[Point]]) {
        regions.append((type, outlines))
    }

    private func rounded(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}

/// Rounds a measured attribute for storage; the bands have margins far wider than this.
func measure(_ v: Double) -> AttributeValue { .number((v * 10_000).rounded() / 10_000) }
