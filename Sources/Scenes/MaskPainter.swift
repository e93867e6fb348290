import CCairo
import Imaging

/// Paints a ground-truth mask: the union of polygons (scene pixels, through the camera) filled
/// with one pixel value on 0, without antialiasing so the mask holds exactly two values.
enum MaskPainter {
    static func paint(_ regions: [[Point]], value: UInt8, width: Int, height: Int, camera: Affine) -> RGBImage {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(height))
        let cr = cairo_create(surface)
        defer { cairo_destroy(cr); cairo_surface_destroy(surface) }
        var m = cairo_matrix_t(xx: camera.xx, yx: camera.yx, xy: camera.xy, yy: camera.yy, x0: camera.x0, y0: camera.y0)
        cairo_set_matrix(cr, &m)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        cairo_set_source_rgba(cr, 0, 0, 0, 1)
        for poly in regions where poly.count >= 3 {
            cairo_new_path(cr)
            cairo_move_to(cr, poly[0].x, poly[0].y)
            for p in poly.dropFirst() { cairo_line_to(cr, p.x, p.y) }
            cairo_close_path(cr)
            cairo_fill(cr)
        }
        cairo_surface_flush(surface)
        let data = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                for x in 0..<width where data[y * stride + x] >= 128 { out[y * width + x] = value }
            }
        }
        return RGBImage(width: width, height: height, channels: 1, pixels: pixels)
    }
}
