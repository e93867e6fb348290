import Randomness

/// The per-image capture conditions: a small camera shift, rotation and zoom, and the light
/// (overall gain, a linear falloff across the frame, a white-balance tint) and sensor noise.
/// Drawn once per image so no two images of a product are framed or lit alike.
struct CameraAndLight {
    var camera: Affine
    var gain: Double
    var gradient: (x: Double, y: Double)
    var tint: (r: Double, g: Double, b: Double)
    /// Standard deviation of the sensor noise in 8-bit levels.
    var noise: Double

    static func random(width: Int, height: Int, using g: inout SeededGenerator) -> CameraAndLight {
        let w = Double(width), h = Double(height)
        let camera = Affine.camera(center: Point(w / 2, h / 2),
                                   angle: g.uniform(-1.5, 1.5) * Double.pi / 180,
                                   scale: g.uniform(0.975, 1.0),
                                   shift: Point(g.uniform(-0.012, 0.012) * w, g.uniform(-0.012, 0.012) * h))
        return CameraAndLight(camera: camera,
                              gain: g.uniform(0.88, 1.1),
                              gradient: (g.uniform(-0.12, 0.12), g.uniform(-0.12, 0.12)),
                              tint: (g.uniform(0.96, 1.04), g.uniform(0.97, 1.03), g.uniform(0.96, 1.04)),
                              noise: g.uniform(1.5, 4.5))
    }
}
