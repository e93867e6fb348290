import Annotations
import Foundation
import Imaging

/// A change of where pixels are, applied alike to the image and to every box and polygon of its
/// annotation. Every transform keeps the image size.
public enum GeometricTransform: Hashable, Sendable, CustomStringConvertible {
    /// Moves the content by whole pixels; the uncovered border is filled.
    case shift(dx: Int, dy: Int)
    /// Scales about the image centre by `factor` (the result is cropped or padded to the size).
    case scale(Double)
    /// The rectangle `x, y, width, height` (same aspect as the image) enlarged to the full image.
    case crop(x: Int, y: Int, width: Int, height: Int)
    /// Rotates about the image centre by `degrees` (clockwise on screen, y down).
    case rotate(degrees: Double)
    /// Mirrors left-right.
    case flipHorizontal
    /// Mirrors top-bottom.
    case flipVertical

    public var description: String {
        switch self {
        case .shift(let dx, let dy): return "shift \(dx) \(dy)"
        case .scale(let f): return String(format: "scale %.3f", f)
        case .crop(let x, let y, let w, let h): return "crop \(x) \(y) \(w) \(h)"
        case .rotate(let d): return String(format: "rotate %.2f", d)
        case .flipHorizontal: return "flip horizontal"
        case .flipVertical: return "flip vertical"
        }
    }

    /// Where a point of the source image lands, for an image of `width` x `height`.
    public func map(x: Double, y: Double, width: Int, height: Int) -> (x: Double, y: Double) {
        let w = Double(width), h = Double(height)
        switch self {
        case .shift(let dx, let dy):
            return (x + Double(dx), y + Double(dy))
        case .scale:
            let (sx, sy, ox, oy) = scaleGeometry(width: width, height: height)
            return (x * sx - ox, y * sy - oy)
        case .crop(let cx, let cy, let cw, let ch):
            return ((x - Double(cx)) * w / Double(cw), (y - Double(cy)) * h / Double(ch))
        case .rotate(let degrees):
            let a = degrees * .pi / 180, cx = w / 2, cy = h / 2
            let dx = x - cx, dy = y - cy
            return (cx + dx * cos(a) - dy * sin(a), cy + dx * sin(a) + dy * cos(a))
        case .flipHorizontal:
            return (w - x, y)
        case .flipVertical:
            return (x, h - y)
        }
    }

    /// The scale factors of a `.scale` after rounding the resized size to whole pixels, and the
    /// offset of the cropped (positive) or padded (negative) border.
    private func scaleGeometry(width: Int, height: Int) -> (Double, Double, Double, Double) {
        guard case .scale(let f) = self else { return (1, 1, 0, 0) }
        let nw = max(1, Int((Double(width) * f).rounded())), nh = max(1, Int((Double(height) * f).rounded()))
        return (Double(nw) / Double(width), Double(nh) / Double(height), Double((nw - width) / 2), Double((nh - height) / 2))
    }

    /// The transformed image; uncovered pixels take `fill`.
    public func apply(to image: RGBImage, fill: UInt8) -> RGBImage {
        let w = image.width, h = image.height
        switch self {
        case .shift(let dx, let dy):
            return image.padded(top: max(dy, 0), left: max(dx, 0), bottom: max(-dy, 0), right: max(-dx, 0), value: fill)
                .cropped(x: max(-dx, 0), y: max(-dy, 0), width: w, height: h)
        case .scale:
            let (sx, sy, ox, oy) = scaleGeometry(width: w, height: h)
            let nw = Int((Double(w) * sx).rounded()), nh = Int((Double(h) * sy).rounded())
            let resized = image.resized(width: nw, height: nh, method: .bilinear)
            let left = Int(ox), top = Int(oy)
            // Grow to at least w x h, then take the w x h window at the offset.
            let padLeft = max(0, -left), padTop = max(0, -top)
            let grown = resized.padded(top: padTop, left: padLeft, bottom: max(0, h - nh - padTop),
                                       right: max(0, w - nw - padLeft), value: fill)
            return grown.cropped(x: max(0, left), y: max(0, top), width: w, height: h)
        case .crop(let x, let y, let cw, let ch):
            return image.cropped(x: x, y: y, width: cw, height: ch).resized(width: w, height: h, method: .bilinear)
        case .rotate(let degrees):
            return rotated(image, degrees: degrees, fill: fill)
        case .flipHorizontal, .flipVertical:
            var out = image
            let c = image.channels
            for y in 0..<h {
                for x in 0..<w {
                    let (sx, sy) = self == .flipHorizontal ? (w - 1 - x, y) : (x, h - 1 - y)
                    for k in 0..<c { out.pixels[(y * w + x) * c + k] = image.pixels[(sy * w + sx) * c + k] }
                }
            }
            return out
        }
    }

    /// Bilinear sampling of the inverse rotation.
    private func rotated(_ image: RGBImage, degrees: Double, fill: UInt8) -> RGBImage {
        let w = image.width, h = image.height, c = image.channels
        let a = -degrees * .pi / 180, cx = Double(w) / 2, cy = Double(h) / 2
        var out = RGBImage(width: w, height: h, channels: c, fill: fill)
        for y in 0..<h {
            for x in 0..<w {
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                let sx = cx + dx * cos(a) - dy * sin(a) - 0.5, sy = cy + dx * sin(a) + dy * cos(a) - 0.5
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                guard x0 >= 0, y0 >= 0, x0 + 1 < w, y0 + 1 < h else { continue }
                let fx = sx - Double(x0), fy = sy - Double(y0)
                for k in 0..<c {
                    func p(_ xx: Int, _ yy: Int) -> Double { Double(image.pixels[(yy * w + xx) * c + k]) }
                    let v = (p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx) * (1 - fy) + (p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx) * fy
                    out.pixels[(y * w + x) * c + k] = UInt8(min(max(v.rounded(), 0), 255))
                }
            }
        }
        return out
    }

    /// The annotation with every box and polygon moved. A box is the bounds of the moved polygon
    /// when the part has one, else of the moved corners.
    public func apply(to annotation: ImageAnnotation) -> ImageAnnotation {
        var out = annotation
        let w = annotation.width, h = annotation.height
        out.parts = annotation.parts.map { part in
            var p = part
            func move(_ pts: [[Double]]) -> [[Double]] {
                pts.map { pt in
                    guard pt.count >= 2 else { return pt }
                    let m = map(x: pt[0], y: pt[1], width: w, height: h)
                    return [m.x, m.y] + pt.dropFirst(2)
                }
            }
            let b = part.box
            let corners = move([[b.x0, b.y0], [b.x1, b.y0], [b.x0, b.y1], [b.x1, b.y1]])
            if let polygon = part.polygon, !polygon.isEmpty {
                p.polygon = move(polygon)
                p.box = Self.bounds(p.polygon!.filter { $0.count >= 2 })
                // The outline of a box-tight part can be coarser than its box; never grow past its moved corners.
                let c = Self.bounds(corners)
                p.box = Box(x0: max(p.box.x0, c.x0), y0: max(p.box.y0, c.y0), x1: min(p.box.x1, c.x1), y1: min(p.box.y1, c.y1))
                if p.box.width <= 0 || p.box.height <= 0 { p.box = c }
            } else {
                p.box = Self.bounds(corners)
            }
            return p
        }
        return out
    }

    static func bounds(_ pts: [[Double]]) -> Box {
        Box(x0: pts.map { $0[0] }.min()!, y0: pts.map { $0[1] }.min()!, x1: pts.map { $0[0] }.max()!, y1: pts.map { $0[1] }.max()!)
    }
}
