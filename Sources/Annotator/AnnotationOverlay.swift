import Annotations
import CCairo
import Imaging

/// Draws an annotation over its image for a person to check: each part's box in its class
/// colour with its class and attributes written above it, at `scale` times the image size.
public enum AnnotationOverlay {
    static let colours: [String: (Double, Double, Double)] = [
        "bottle": (0.3, 0.8, 1.0), "liquid": (0.2, 1.0, 0.3), "top_label": (1.0, 0.3, 0.9),
        "fruit_icon": (1.0, 0.15, 0.15), "bottom_label": (0.5, 0.4, 1.0),
    ]

    public static func render(_ image: RGBImage, parts: [Part], caption: String? = nil, scale: Int = 2) -> RGBImage {
        precondition(scale >= 1, "overlay scale must be at least 1, got \(scale)")
        let source = image.rgb()
        let w = source.width * scale, h = source.height * scale
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))!
        defer { cairo_surface_destroy(surface) }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        for y in 0..<h {
            let row = data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: w) { $0 }
            for x in 0..<w {
                let sx = x / scale, sy = y / scale
                row[x] = UInt32(source[sx, sy, 0]) << 16 | UInt32(source[sx, sy, 1]) << 8 | UInt32(source[sx, sy, 2])
            }
        }
        cairo_surface_mark_dirty(surface)
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo_set_font_size(cr, 9)
        cairo_set_line_width(cr, 1.5)
        let s = Double(scale)
        for part in parts {
            let (r, g, b) = colours[part.cls] ?? (1, 1, 0)
            cairo_set_source_rgb(cr, r, g, b)
            cairo_rectangle(cr, part.box.x0 * s, part.box.y0 * s, part.box.width * s, part.box.height * s)
            cairo_stroke(cr)
            let words = [part.cls] + part.attributes.keys.sorted().map { "\($0)=\(part.attributes[$0]!)" }
            cairo_move_to(cr, part.box.x0 * s + 2, max(10, part.box.y0 * s - 3))
            cairo_show_text(cr, words.joined(separator: " "))
        }
        if let caption {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_move_to(cr, 4, Double(h) - 6)
            cairo_show_text(cr, caption)
        }
        cairo_surface_flush(surface)
        var out = RGBImage(width: w, height: h)
        for y in 0..<h {
            let row = data.advanced(by: y * stride).withMemoryRebound(to: UInt32.self, capacity: w) { $0 }
            for x in 0..<w {
                let v = row[x]
                out[x, y, 0] = UInt8((v >> 16) & 0xff); out[x, y, 1] = UInt8((v >> 8) & 0xff); out[x, y, 2] = UInt8(v & 0xff)
            }
        }
        return out
    }
}
