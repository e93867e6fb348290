import Imaging

/// A drawn stand-in for a juice_bottle photo with known geometry: black background, a grey glass
/// outline as dim as real glass edges (median luma near 50),
/// juice of a given colour up to a known row, a cream top label with a red, orange or
/// yellow icon disc, and a cream bottom label with dark text bars. 200 x 400 px like the real set.
struct SyntheticBottle {
    var bottle = (x0: 52, y0: 30, x1: 148, y1: 356)
    var surface: Int? = 100
    /// The median colour of real orange juice in the lower body.
    var juice: (UInt8, UInt8, UInt8) = (150, 128, 48)
    var topLabel: (x0: Int, y0: Int, x1: Int, y1: Int)? = (66, 180, 134, 248)
    var icon: (cx: Int, cy: Int, r: Int, colour: (UInt8, UInt8, UInt8))? = (100, 214, 14, (200, 30, 30))
    var bottomLabel: (x0: Int, y0: Int, x1: Int, y1: Int)? = (67, 300, 133, 331)

    static let paper: (UInt8, UInt8, UInt8) = (250, 215, 120)

    func render() -> RGBImage {
        var image = RGBImage(width: 200, height: 400, fill: 8)
        func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ c: (UInt8, UInt8, UInt8)) {
            guard y1 > y0, x1 > x0 else { return }
            for y in max(0, y0)..<min(400, y1) { for x in max(0, x0)..<min(200, x1) {
                image[x, y, 0] = c.0; image[x, y, 1] = c.1; image[x, y, 2] = c.2
            } }
        }
        let b = bottle, w = b.x1 - b.x0
        // Neck (the upper fifth, 0.44 of the body width) and body as a grey glass outline.
        let neck = (x0: b.x0 + w * 28 / 100, x1: b.x1 - w * 28 / 100), shoulder = b.y0 + (b.y1 - b.y0) / 5
        fill(neck.x0, b.y0, neck.x1, shoulder, (50, 52, 58))
        fill(neck.x0 + 3, b.y0 + 3, neck.x1 - 3, shoulder, (15, 15, 16))
        fill(b.x0, shoulder, b.x1, b.y1, (50, 52, 58))
        fill(b.x0 + 3, shoulder, b.x1 - 3, b.y1 - 3, (15, 15, 16))
        if let s = surface {
            fill(neck.x0 + 3, s, neck.x1 - 3, shoulder, juice)
            fill(b.x0 + 3, max(s, shoulder), b.x1 - 3, b.y1 - 3, juice)
        }
        if let t = topLabel {
            fill(t.x0, t.y0, t.x1, t.y1, Self.paper)
            if let i = icon {
                for y in (i.cy - i.r)...(i.cy + i.r) { for x in (i.cx - i.r)...(i.cx + i.r)
                    where (x - i.cx) * (x - i.cx) + (y - i.cy) * (y - i.cy) <= i.r * i.r {
                    image[x, y, 0] = i.colour.0; image[x, y, 1] = i.colour.1; image[x, y, 2] = i.colour.2
                } }
            }
        }
        if let l = bottomLabel {
            fill(l.x0, l.y0, l.x1, l.y1, Self.paper)
            for k in 0..<8 { fill(l.x0 + 8 + 6 * k, l.y0 + 11, l.x0 + 11 + 6 * k, l.y0 + 20, (40, 35, 30)) }
        }
        return image
    }
}
