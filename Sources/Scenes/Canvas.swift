import CCairo
import Randomness

/// A cairo RGB24 drawing surface in scene pixels: every call draws through the camera map.
/// Deliberately small: fills, strokes, gradients and clips over polygon outlines.
final class Canvas {
    let width: Int
    let height: Int
    let surface: OpaquePointer
    let cr: OpaquePointer

    init(width: Int, height: Int, camera: Affine) {
        self.width = width; self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        cr = cairo_create(surface)
        precondition(cairo_status(cr) == CAIRO_STATUS_SUCCESS, "cairo could not create a \(width)x\(height) surface")
        var m = cairo_matrix_t(xx: camera.xx, yx: camera.yx, xy: camera.xy, yy: camera.yy, x0: camera.x0, y0: camera.y0)
        cairo_set_matrix(cr, &m)
        // Curves flattened to a quarter pixel and cairo's fast antialiasing: about half the
        // rendering time of the defaults, with no visible difference after sensor noise.
        cairo_set_tolerance(cr, 0.25)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    func set(_ c: Colour, alpha: Double = 1) {
        if alpha >= 1 { cairo_set_source_rgb(cr, c.r, c.g, c.b) } else { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha) }
    }

    func path(_ poly: [Point], closed: Bool = true) {
        guard let first = poly.first else { return }
        cairo_new_path(cr)
        cairo_move_to(cr, first.x, first.y)
        for p in poly.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        if closed { cairo_close_path(cr) }
    }

    func fill(_ poly: [Point], _ c: Colour, alpha: Double = 1) {
        set(c, alpha: alpha); path(poly); cairo_fill(cr)
    }

    func circle(_ c: Point, _ r: Double, _ colour: Colour, alpha: Double = 1) {
        set(colour, alpha: alpha)
        cairo_new_path(cr)
        cairo_arc(cr, c.x, c.y, r, 0, 2 * Double.pi)
        cairo_fill(cr)
    }

    func stroke(_ line: [Point], width: Double, _ c: Colour, alpha: Double = 1, closed: Bool = false) {
        set(c, alpha: alpha); path(line, closed: closed)
        cairo_set_line_width(cr, width)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_stroke(cr)
    }

    /// Fills a polygon with a radial gradient from `inner` at `focus` to `outer` at radius `r`.
    func fillRadial(_ poly: [Point], focus: Point, r: Double, inner: Colour, outer: Colour) {
        let pat = cairo_pattern_create_radial(focus.x, focus.y, 0, focus.x, focus.y, r)
        cairo_pattern_add_color_stop_rgb(pat, 0, inner.r, inner.g, inner.b)
        cairo_pattern_add_color_stop_rgb(pat, 1, outer.r, outer.g, outer.b)
        cairo_set_source(cr, pat)
        path(poly); cairo_fill(cr)
        cairo_pattern_destroy(pat)
    }

    /// Fills a polygon with a linear gradient between two points.
    func fillLinear(_ poly: [Point], from a: Point, to b: Point, _ stops: [(Double, Colour, Double)]) {
        let pat = cairo_pattern_create_linear(a.x, a.y, b.x, b.y)
        for (t, c, alpha) in stops { cairo_pattern_add_color_stop_rgba(pat, t, c.r, c.g, c.b, alpha) }
        cairo_set_source(cr, pat)
        path(poly); cairo_fill(cr)
        cairo_pattern_destroy(pat)
    }

    /// Draws `body` clipped to a polygon.
    func clipped(to poly: [Point], _ body: () -> Void) {
        cairo_save(cr)
        path(poly); cairo_clip(cr)
        body()
        cairo_restore(cr)
    }

    /// Fills many circles of one colour as a single path (one rasterisation instead of many).
    func circles(_ items: [(Point, Double)], _ colour: Colour, alpha: Double = 1) {
        guard !items.isEmpty else { return }
        set(colour, alpha: alpha)
        cairo_new_path(cr)
        for (c, r) in items {
            cairo_new_sub_path(cr)
            cairo_arc(cr, c.x, c.y, r, 0, 2 * Double.pi)
        }
        cairo_fill(cr)
    }

    /// Fills many polygons of one colour as a single path.
    func fillMany(_ polys: [[Point]], _ colour: Colour, alpha: Double = 1) {
        guard !polys.isEmpty else { return }
        set(colour, alpha: alpha)
        cairo_new_path(cr)
        for poly in polys {
            guard let first = poly.first else { continue }
            cairo_move_to(cr, first.x, first.y)
            for p in poly.dropFirst() { cairo_line_to(cr, p.x, p.y) }
            cairo_close_path(cr)
        }
        cairo_fill(cr)
    }

    /// A material texture: `count` small specks in four shades around `base` (`1 ± spread`)
    /// centred inside `region`. No clip path: cairo intersects clips with every filled shape,
    /// which would cost more than the whole rest of a scene.
    func speckle(_ region: [Point], count: Int, base: Colour, spread: Double, size: ClosedRange<Double>,
                 alpha: Double, using g: inout SeededGenerator) {
        var buckets: [[(Point, Double)]] = Array(repeating: [], count: 4)
        for p in Shape.scatter(count, in: region, using: &g) {
            buckets[Int(g.next() % 4)].append((p, g.uniform(size.lowerBound, size.upperBound)))
        }
        for (i, items) in buckets.enumerated() {
            circles(items, base.scaled(1 + spread * (Double(i) / 1.5 - 1)), alpha: alpha)
        }
    }

    /// The drawn pixels as 8-bit RGB. Cairo's RGB24 keeps one native-endian 0x00RRGGBB word per
    /// pixel; `Sensor` turns them into the stored image.
    func withPixels<R>(_ body: (UnsafePointer<UInt32>, _ strideWords: Int) -> R) -> R {
        cairo_surface_flush(surface)
        let data = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        return data.withMemoryRebound(to: UInt32.self, capacity: stride * height) { body($0, stride) }
    }
}
