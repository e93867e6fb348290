import Foundation
import Randomness

/// A point in scene pixels (before the camera) or image pixels (after it): x right, y down.
struct Point: Hashable {
    var x: Double
    var y: Double

    init(_ x: Double, _ y: Double) { self.x = x; self.y = y }

    static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }
    var length: Double { (x * x + y * y).squareRoot() }
}

/// An affine map in cairo's convention: `x' = xx*x + xy*y + x0`, `y' = yx*x + yy*y + y0`.
/// The camera is one such map from scene pixels to image pixels, used by both the drawing and
/// the annotation so that boxes follow exactly what was drawn.
struct Affine {
    var xx = 1.0, yx = 0.0, xy = 0.0, yy = 1.0, x0 = 0.0, y0 = 0.0

    static let identity = Affine()

    /// Rotation by `angle` radians and uniform `scale` about `center`, then a shift.
    static func camera(center: Point, angle: Double, scale: Double, shift: Point) -> Affine {
        let c = cos(angle) * scale, s = sin(angle) * scale
        return Affine(xx: c, yx: s, xy: -s, yy: c,
                      x0: center.x - c * center.x + s * center.y + shift.x,
                      y0: center.y - s * center.x - c * center.y + shift.y)
    }

    func apply(_ p: Point) -> Point { Point(xx * p.x + xy * p.y + x0, yx * p.x + yy * p.y + y0) }
}

/// Polygon outlines in scene pixels, used for drawing, annotation polygons and masks.
enum Shape {
    /// An ellipse rotated by `angle`, as `count` points.
    static func ellipse(_ c: Point, rx: Double, ry: Double, angle: Double = 0, count: Int = 24) -> [Point] {
        let ca = cos(angle), sa = sin(angle)
        return (0..<count).map { i in
            let t = 2 * Double.pi * Double(i) / Double(count)
            let x = rx * cos(t), y = ry * sin(t)
            return Point(c.x + x * ca - y * sa, c.y + x * sa + y * ca)
        }
    }

    /// A rectangle of size `w` x `h` centred on `c`, rotated by `angle`.
    static func rect(_ c: Point, w: Double, h: Double, angle: Double = 0) -> [Point] {
        let ca = cos(angle), sa = sin(angle)
        return [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)].map { (x, y) in
            Point(c.x + x * ca - y * sa, c.y + x * sa + y * ca)
        }
    }

    /// An axis-aligned rectangle from its corners.
    static func rect(x0: Double, y0: Double, x1: Double, y1: Double) -> [Point] {
        [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)]
    }

    /// A regular polygon (hexagon for nuts) of circumradius `r`.
    static func regular(_ c: Point, sides: Int, r: Double, angle: Double) -> [Point] {
        (0..<sides).map { i in
            let t = angle + 2 * Double.pi * Double(i) / Double(sides)
            return Point(c.x + r * cos(t), c.y + r * sin(t))
        }
    }

    /// A wobbly closed blob: an ellipse whose radius varies by a few random harmonics.
    static func blob(_ c: Point, rx: Double, ry: Double, harmonics: [(amp: Double, phase: Double)], count: Int = 40) -> [Point] {
        (0..<count).map { i in
            let t = 2 * Double.pi * Double(i) / Double(count)
            var k = 1.0
            for (n, h) in harmonics.enumerated() { k += h.amp * sin(Double(n + 2) * t + h.phase) }
            return Point(c.x + rx * k * cos(t), c.y + ry * k * sin(t))
        }
    }

    /// The outline of a thick polyline (a cable): offsets on both sides, closed.
    static func band(_ line: [Point], halfWidth: Double) -> [Point] {
        precondition(line.count >= 2, "a band needs at least 2 points, got \(line.count)")
        var left: [Point] = [], right: [Point] = []
        for i in line.indices {
            let a = line[max(0, i - 1)], b = line[min(line.count - 1, i + 1)]
            let d = b - a, len = max(d.length, 1e-9)
            let n = Point(-d.y / len, d.x / len) * halfWidth
            left.append(line[i] + n); right.append(line[i] - n)
        }
        return left + right.reversed()
    }

    /// Shoelace area (absolute).
    static func area(_ poly: [Point]) -> Double {
        var s = 0.0
        for i in poly.indices {
            let a = poly[i], b = poly[(i + 1) % poly.count]
            s += a.x * b.y - b.x * a.y
        }
        return abs(s) / 2
    }

    /// Keeps the part of a polygon with `y >= level` (Sutherland-Hodgman against one half-plane).
    static func clipBelow(_ poly: [Point], level: Double) -> [Point] {
        var out: [Point] = []
        for i in poly.indices {
            let a = poly[i], b = poly[(i + 1) % poly.count]
            let aIn = a.y >= level, bIn = b.y >= level
            if aIn { out.append(a) }
            if aIn != bIn {
                let t = (level - a.y) / (b.y - a.y)
                out.append(Point(a.x + t * (b.x - a.x), level))
            }
        }
        return out
    }

    /// Clamps every point into a rectangle (keeps piles inside their compartment).
    static func clamp(_ poly: [Point], x0: Double, y0: Double, x1: Double, y1: Double) -> [Point] {
        poly.map { Point(min(max($0.x, x0), x1), min(max($0.y, y0), y1)) }
    }

    /// Whether a point lies inside a polygon (even-odd rule).
    static func contains(_ poly: [Point], _ p: Point) -> Bool {
        var inside = false
        var j = poly.count - 1
        for i in poly.indices {
            let a = poly[i], b = poly[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// `count` random points inside a polygon (rejection sampling within its bounds).
    static func scatter(_ count: Int, in poly: [Point], using g: inout SeededGenerator) -> [Point] {
        let (x0, y0, x1, y1) = bounds(poly)
        var points: [Point] = []
        var tries = 0
        while points.count < count && tries < 20 * count {
            tries += 1
            let p = Point(g.uniform(x0, x1), g.uniform(y0, y1))
            if contains(poly, p) { points.append(p) }
        }
        return points
    }

    /// Length of an open polyline.
    static func length(_ line: [Point]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + ($1.1 - $1.0).length }
    }

    /// A sagging curve from `a` to `b`: the chord plus `sag` times a half sine along its normal.
    static func sag(from a: Point, to b: Point, sag: Double, count: Int = 24) -> [Point] {
        let d = b - a, len = max(d.length, 1e-9)
        let n = Point(-d.y / len, d.x / len)
        return (0...count).map { i in
            let t = Double(i) / Double(count)
            return a + d * t + n * (sag * sin(Double.pi * t))
        }
    }
}

/// The bounding rectangle `(x0, y0, x1, y1)` of an outline.
func bounds(_ poly: [Point]) -> (Double, Double, Double, Double) {
    let xs = poly.map(\.x), ys = poly.map(\.y)
    return (xs.min()!, ys.min()!, xs.max()!, ys.max()!)
}
