import Annotations
import Imaging

/// An image and its annotation being edited part by part (the pixel side of `PartEdit`).
struct PartCanvas {
    var image: RGBImage
    var annotation: ImageAnnotation

    /// Pixels lifted from the image: indices and their channel values.
    struct Patch { let pixels: [(index: Int, values: [UInt8])] }

    /// The part and the parts lying inside its box (drawn on it), the part first.
    func group(_ id: Int) throws -> [Part] {
        guard let part = annotation.parts.first(where: { $0.id == id }) else {
            throw InstructError.unknownPart(id: id, image: annotation.image)
        }
        let b = part.box
        let inner = annotation.parts.filter { q in
            q.id != id && q.box.area < b.area
                && q.box.x0 >= b.x0 - 1 && q.box.y0 >= b.y0 - 1 && q.box.x1 <= b.x1 + 1 && q.box.y1 <= b.y1 + 1
        }
        return [part] + inner
    }

    func checkInside(_ group: [Part], _ dx: Int, _ dy: Int) throws {
        for p in group {
            let s = p.shifted(dx, dy).box
            guard s.x0 >= 0, s.y0 >= 0, s.x1 <= Double(image.width), s.y1 <= Double(image.height) else {
                throw InstructError.editNotApplicable("part \(p.id) (\(p.cls)) would leave the \(image.width)x\(image.height) image")
            }
        }
    }

    /// The pixels of the part not covered by the parts drawn on it.
    func visibleMask(_ part: Part) throws -> PartMask {
        let covered = Set(mask(Array(try group(part.id).dropFirst())))
        return PartMask(part, width: image.width, height: image.height, excluding: covered)
    }

    private func mask(_ group: [Part]) -> [Int] {
        Array(Set(group.flatMap { PartMask($0, width: image.width, height: image.height).pixels })).sorted()
    }

    func lift(_ group: [Part]) -> Patch {
        let c = image.channels
        return Patch(pixels: mask(group).map { i in (i, Array(image.pixels[i * c..<(i + 1) * c])) })
    }

    mutating func paste(_ patch: Patch, dx: Int, dy: Int) {
        let w = image.width, h = image.height, c = image.channels
        for (i, values) in patch.pixels {
            let x = i % w + dx, y = i / w + dy
            guard x >= 0, y >= 0, x < w, y < h else { continue }
            for k in 0..<c { image.pixels[(y * w + x) * c + k] = values[k] }
        }
    }

    /// Paints the parts out: each masked pixel (the mask grown by one pixel) becomes the mean of
    /// the linear interpolations, along its row and its column, between the nearest unmasked pixels.
    mutating func erase(_ group: [Part]) {
        let w = image.width, h = image.height, c = image.channels
        var masked = [Bool](repeating: false, count: w * h)
        for i in mask(group) {
            let x = i % w, y = i / w
            for yy in max(0, y - 1)...min(h - 1, y + 1) { for xx in max(0, x - 1)...min(w - 1, x + 1) { masked[yy * w + xx] = true } }
        }
        let source = image.pixels
        func interpolate(_ a: Int?, _ b: Int?, _ t: Double, _ k: Int) -> Double? {
            switch (a, b) {
            case let (a?, b?): return Double(source[a * c + k]) * (1 - t) + Double(source[b * c + k]) * t
            case let (a?, nil): return Double(source[a * c + k])
            case let (nil, b?): return Double(source[b * c + k])
            default: return nil
            }
        }
        for y in 0..<h {
            for x in 0..<w where masked[y * w + x] {
                var l = x - 1; while l >= 0 && masked[y * w + l] { l -= 1 }
                var r = x + 1; while r < w && masked[y * w + r] { r += 1 }
                var u = y - 1; while u >= 0 && masked[u * w + x] { u -= 1 }
                var d = y + 1; while d < h && masked[d * w + x] { d += 1 }
                let tx = Double(x - l) / Double(r - l), ty = Double(y - u) / Double(d - u)
                for k in 0..<c {
                    let row = interpolate(l >= 0 ? y * w + l : nil, r < w ? y * w + r : nil, tx, k)
                    let col = interpolate(u >= 0 ? u * w + x : nil, d < h ? d * w + x : nil, ty, k)
                    let v = [row, col].compactMap { $0 }
                    if !v.isEmpty { image.pixels[(y * w + x) * c + k] = UInt8(min(max((v.reduce(0, +) / Double(v.count)).rounded(), 0), 255)) }
                }
            }
        }
    }

    /// Scales each channel inside the part's outline, except where the parts drawn on it lie (the
    /// labels on the juice), so that the mean there becomes `target`.
    mutating func recolour(_ part: Part, to target: [Double]) throws {
        let m = try visibleMask(part)
        guard let mean = m.mean(in: image), image.channels == target.count else { return }
        let c = image.channels
        for i in m.pixels {
            for k in 0..<c {
                let v = Double(image.pixels[i * c + k]) * target[k] / max(mean[k], 1)
                image.pixels[i * c + k] = UInt8(min(max(v.rounded(), 0), 255))
            }
        }
    }

    /// Replaces the parts (by id) with their edited versions.
    mutating func replace(_ old: [Part], with new: [Part]) {
        for (o, n) in zip(old, new) {
            if let i = annotation.parts.firstIndex(where: { $0.id == o.id }) { annotation.parts[i] = n }
        }
    }

    /// Copies of parts with fresh ids, above every id in use.
    func renumbered(_ parts: [Part]) -> [Part] {
        var next = (annotation.parts.map(\.id).max() ?? -1) + 1
        return parts.map { p in var q = p; q.id = next; next += 1; return q }
    }

    mutating func setAttribute(_ id: Int, _ name: String, _ value: AttributeValue) {
        if let i = annotation.parts.firstIndex(where: { $0.id == id }) { annotation.parts[i].attributes[name] = value }
    }
}
