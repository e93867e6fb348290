import CCairo
import Imaging

/// A Cairo drawing surface in the size of an image, read back as an `RGBImage`.
/// Used for the evidence overlays and the confusion-matrix picture.
final class CairoCanvas {
    let width: Int
    let height: Int
    let surface: OpaquePointer
    let context: OpaquePointer

    /// A canvas filled with `background` (0...1 per channel).
    init(width: Int, height: Int, background: (Double, Double, Double) = (1, 1, 1)) throws {
        precondition(width > 0 && height > 0, "canvas size must be positive, got \(width)x\(height)")
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw ImageError.encodeFailed("cannot create a \(width)x\(height) drawing surface")
        }
        guard let context = cairo_create(surface), cairo_status(context) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw ImageError.encodeFailed("cannot create a drawing context")
        }
        self.width = width; self.height = height; self.surface = surface; self.context = context
        cairo_set_source_rgb(context, background.0, background.1, background.2)
        cairo_paint(context)
    }

    /// A canvas showing `image` (gray images are drawn as RGB).
    convenience init(image: RGBImage) throws {
        try self.init(width: image.width, height: image.height)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        let c = image.channels
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<height {
                let row = (data + y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
                for x in 0..<width {
                    let i = (y * width + x) * c
                    let r = UInt32(src[i]), g = UInt32(src[i + (c == 3 ? 1 : 0)]), b = UInt32(src[i + (c == 3 ? 2 : 0)])
                    row[x] = 0xFF00_0000 | (r << 16) | (g << 8) | b
                }
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The drawing as an RGB image.
    func image() -> RGBImage {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                let row = (data + y * stride).withMemoryRebound(to: UInt32.self, capacity: width) { $0 }
                for x in 0..<width {
                    let v = row[x], i = (y * width + x) * 3
                    dst[i] = UInt8((v >> 16) & 0xFF); dst[i + 1] = UInt8((v >> 8) & 0xFF); dst[i + 2] = UInt8(v & 0xFF)
                }
            }
        }
        return RGBImage(width: width, height: height, channels: 3, pixels: pixels)
    }

    func setColour(_ rgb: (Double, Double, Double), alpha: Double = 1) {
        cairo_set_source_rgba(context, rgb.0, rgb.1, rgb.2, alpha)
    }

    func fillRectangle(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    func strokeRectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double) {
        cairo_set_line_width(context, lineWidth)
        cairo_rectangle(context, x, y, width, height)
        cairo_stroke(context)
    }

    func setFont(size: Double, bold: Bool = false) {
        cairo_select_font_face(context, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    /// Width and height of `text` in the current font.
    func measure(_ text: String) -> (width: Double, height: Double) {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return (extents.x_advance, extents.height)
    }

    /// Draws `text` with its baseline's left end at (x, y).
    func text(_ text: String, x: Double, y: Double) {
        cairo_move_to(context, x, y)
        cairo_show_text(context, text)
    }

    /// Draws `text` rotated by `angle` radians around its baseline's left end at (x, y).
    func text(_ text: String, x: Double, y: Double, angle: Double) {
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_rotate(context, angle)
        cairo_move_to(context, 0, 0)
        cairo_show_text(context, text)
        cairo_restore(context)
    }
}
