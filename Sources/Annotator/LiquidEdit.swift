import Annotations
import Imaging

/// Changes the juice in a photo and its annotation together: a new surface row (more or less
/// juice) or no juice at all. Juice pixels are those brighter than half the body's juice (as
/// `LiquidFinder` reads them); labels are left untouched.
enum LiquidEdit {
    /// The luma of the juice's place once drained: the body of a real empty bottle shows the
    /// black background through the glass (median luma near 10) with brighter reflections.
    /// And the glass's slight blue cast.
    static let emptyGlassLuma = 15.0
    static let glassTint: (Double, Double, Double) = (0.95, 1.0, 1.1)

    struct Geometry {
        var bottle: Box
        var liquid: Box
        var labels: [Box]
        var juiceLuma: Double

        init(_ image: RGBImage, _ annotation: ImageAnnotation) throws {
            guard let bottle = annotation.parts(of: "bottle").first?.box,
                  let liquid = annotation.parts(of: "liquid").first?.box else {
                throw SynthesisError.notApplicable("no bottle or no liquid in \(annotation.image)")
            }
            self.bottle = bottle; self.liquid = liquid
            labels = annotation.parts.filter { $0.cls == "top_label" || $0.cls == "bottom_label" }.map(\.box)
            // The median luma of the lower body, as the liquid finder measures the juice.
            var lumas: [Double] = []
            for y in Int(bottle.y0 + 0.6 * bottle.height)..<Int(bottle.y0 + 0.95 * bottle.height) {
                for x in Int(bottle.x0 + 0.25 * bottle.width)..<Int(bottle.x0 + 0.75 * bottle.width)
                where !labels.contains(where: { $0.contains(x: Double(x), y: Double(y)) }) {
                    lumas.append(PixelTests.luma(Double(image[x, y, 0]), Double(image[x, y, 1]), Double(image[x, y, 2])))
                }
            }
            guard !lumas.isEmpty else { throw SynthesisError.notApplicable("no juice visible in \(annotation.image)") }
            juiceLuma = lumas.sorted()[lumas.count / 2]
        }

        func isLabel(_ x: Int, _ y: Int) -> Bool {
            labels.contains { Double(x) >= $0.x0 - 1 && Double(x) < $0.x1 + 1 && Double(y) >= $0.y0 - 1 && Double(y) < $0.y1 + 1 }
        }

        func isJuice(_ image: RGBImage, _ x: Int, _ y: Int) -> Bool {
            PixelTests.luma(Double(image[x, y, 0]), Double(image[x, y, 1]), Double(image[x, y, 2])) > 0.5 * juiceLuma
        }
    }

    /// Drains the juice from the rows `rows` of the bottle: each juice pixel becomes grey glass,
    /// its brightness scaled from the juice's to empty glass's, so the highlights and shading of
    /// the glass stay where they were.
    static func drain(_ image: inout RGBImage, _ g: Geometry, rows: Range<Int>) {
        let x0 = max(0, Int(g.bottle.x0)), x1 = min(image.width, Int(g.bottle.x1))
        let scale = emptyGlassLuma / max(1, g.juiceLuma)
        for y in max(0, rows.lowerBound)..<min(image.height, rows.upperBound) {
            for x in x0..<x1 where !g.isLabel(x, y) && g.isJuice(image, x, y) {
                let v = scale * PixelTests.luma(Double(image[x, y, 0]), Double(image[x, y, 1]), Double(image[x, y, 2]))
                let c = [glassTint.0, glassTint.1, glassTint.2].map { UInt8(min(max(($0 * v).rounded(), 0), 255)) }
                image[x, y, 0] = c[0]; image[x, y, 1] = c[1]; image[x, y, 2] = c[2]
            }
        }
    }

    /// Raises the surface from `old` to `new` (< old): every row between takes the juice pixels
    /// of the row just below the old surface, in the columns where that row shows juice.
    static func raise(_ image: inout RGBImage, _ g: Geometry, from old: Int, to new: Int) {
        let source = min(image.height - 1, old + 3)
        let x0 = max(0, Int(g.bottle.x0)), x1 = min(image.width, Int(g.bottle.x1))
        let columns = (x0..<x1).filter { g.isJuice(image, $0, source) }
        let pixels = columns.map { x in (x, image[x, source, 0], image[x, source, 1], image[x, source, 2]) }
        for y in max(0, new)..<old {
            for (x, r, gg, b) in pixels { image[x, y, 0] = r; image[x, y, 1] = gg; image[x, y, 2] = b }
        }
    }

    /// The annotation with the liquid surface at row `surface` (fill recomputed), or without
    /// liquid when `surface` is nil.
    static func annotation(_ a: ImageAnnotation, _ g: Geometry, surface: Int?) -> ImageAnnotation {
        var a = a
        guard let surface else { a.parts.removeAll { $0.cls == "liquid" }; return a }
        if let i = a.parts.firstIndex(where: { $0.cls == "liquid" }) {
            a.parts[i].box.y0 = Double(surface)
            let fill = (g.bottle.y1 - Double(surface)) / g.bottle.height
            a.parts[i].attributes["fill"] = .number((fill * 1000).rounded() / 1000)
        }
        return a
    }
}
