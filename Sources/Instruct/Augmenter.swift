import Annotations
import Imaging
import Randomness
import Rules

/// An image and its annotation after augmentation, relabelled by the oracle.
public struct AugmentedImage: Sendable {
    public var image: RGBImage
    /// Boxes and polygons moved with the pixels; `defects` recomputed by the oracle.
    public var annotation: ImageAnnotation
    /// What was applied, in order (each a `description` of the adjustment or transform).
    public var applied: [String]
}

/// Draws and applies photometric and geometric augmentations to an image and its annotation
/// together, then relabels the result with the oracle.
public struct Augmenter: Sendable {
    public let policy: AugmentationPolicy
    public let oracle: Oracle

    public init(plan: Plan, policy: AugmentationPolicy = AugmentationPolicy()) {
        self.policy = policy; self.oracle = Oracle(plan: plan)
    }

    public func augment(_ image: RGBImage, _ annotation: ImageAnnotation, using rng: inout SeededGenerator) throws -> AugmentedImage {
        guard image.width == annotation.width, image.height == annotation.height else {
            throw InstructError.sizeMismatch(image: annotation.image, imageWidth: image.width, imageHeight: image.height,
                                             annotationWidth: annotation.width, annotationHeight: annotation.height)
        }
        var img = image, ann = annotation, applied: [String] = []
        let fill = Self.borderFill(image)
        for t in drawGeometric(ann, using: &rng) {
            img = t.apply(to: img, fill: fill)
            ann = t.apply(to: ann)
            applied.append(t.description)
        }
        for a in drawPhotometric(using: &rng) {
            img = a.apply(to: img)
            applied.append(a.description)
        }
        return AugmentedImage(image: img, annotation: try relabel(ann), applied: applied)
    }

    /// The annotation with `defects` derived by the oracle from its parts.
    public func relabel(_ annotation: ImageAnnotation) throws -> ImageAnnotation {
        var a = annotation
        a.defects = try oracle.run(annotation).types.sorted()
        a.label = a.defects.isEmpty ? "good" : "logical_anomalies"
        return a
    }

    public func drawPhotometric(using rng: inout SeededGenerator) -> [PhotometricAdjustment] {
        func u(_ r: ClosedRange<Double>) -> Double { r.lowerBound == r.upperBound ? r.lowerBound : rng.uniform(r.lowerBound, r.upperBound) }
        var out: [PhotometricAdjustment] = []
        let gains = (u(policy.channelGain), u(policy.channelGain), u(policy.channelGain))
        let saturation = u(policy.saturation)
        if gains != (1, 1, 1) || saturation != 1 { out.append(.colour(red: gains.0, green: gains.1, blue: gains.2, saturation: saturation)) }
        let b = u(policy.brightness); if b != 0 { out.append(.brightness(b)) }
        let c = u(policy.contrast); if c != 1 { out.append(.contrast(c)) }
        let g = u(policy.gamma); if g != 1 { out.append(.gamma(g)) }
        if rng.nextDouble() < policy.blurProbability { out.append(.blur(radius: 1)) }
        let n = u(policy.noise); if n > 0 { out.append(.noise(sigma: n, seed: rng.next())) }
        return out
    }

    /// Geometric transforms, each drawn with `geometricProbability` and kept only when every part
    /// stays inside the image afterwards (up to 8 draws each).
    public func drawGeometric(_ annotation: ImageAnnotation, using rng: inout SeededGenerator) -> [GeometricTransform] {
        let w = annotation.width, h = annotation.height
        var current = annotation
        var out: [GeometricTransform] = []
        func attempt(_ make: (inout SeededGenerator) -> GeometricTransform?) {
            guard rng.nextDouble() < policy.geometricProbability else { return }
            for _ in 0..<8 {
                guard let t = make(&rng) else { return }
                let moved = t.apply(to: current)
                if moved.parts.allSatisfy({ Self.inside($0.box, w, h) }) {
                    out.append(t); current = moved
                    return
                }
            }
        }
        for axis in AugmentationPolicy.FlipAxis.allCases where policy.labelPreservingFlips.contains(axis) {
            attempt { _ in axis == .horizontal ? .flipHorizontal : .flipVertical }
        }
        attempt { r in
            let f = r.uniform(policy.scale.lowerBound, policy.scale.upperBound)
            return f == 1 ? nil : .scale(f)
        }
        attempt { r in .rotate(degrees: r.uniform(-policy.rotation, policy.rotation)) }
        attempt { r in
            // A crop of the image's aspect that holds every part.
            guard let u = Self.union(current.parts.map(\.box)), policy.minCrop < 1 else { return nil }
            let need = max(u.width / Double(w), u.height / Double(h))
            let lo = max(policy.minCrop, need + 0.02)
            guard lo < 1 else { return nil }
            let s = r.uniform(lo, 1)
            let cw = Int((Double(w) * s).rounded()), ch = Int((Double(h) * s).rounded())
            let xlo = max(0, Int(u.x1.rounded(.up)) - cw), xhi = min(w - cw, Int(u.x0.rounded(.down)))
            let ylo = max(0, Int(u.y1.rounded(.up)) - ch), yhi = min(h - ch, Int(u.y0.rounded(.down)))
            guard xlo <= xhi, ylo <= yhi, cw > 0, ch > 0 else { return nil }
            return .crop(x: xlo + Int(r.next() % UInt64(xhi - xlo + 1)), y: ylo + Int(r.next() % UInt64(yhi - ylo + 1)), width: cw, height: ch)
        }
        attempt { r in
            let mx = Int(policy.shift * Double(w)), my = Int(policy.shift * Double(h))
            let dx = Int(r.next() % UInt64(2 * mx + 1)) - mx, dy = Int(r.next() % UInt64(2 * my + 1)) - my
            return dx == 0 && dy == 0 ? nil : .shift(dx: dx, dy: dy)
        }
        return out
    }

    static func inside(_ b: Box, _ w: Int, _ h: Int) -> Bool {
        b.x0 >= 0 && b.y0 >= 0 && b.x1 <= Double(w) && b.y1 <= Double(h)
    }

    static func union(_ boxes: [Box]) -> Box? {
        guard let f = boxes.first else { return nil }
        return boxes.dropFirst().reduce(f) { Box(x0: min($0.x0, $1.x0), y0: min($0.y0, $1.y0), x1: max($0.x1, $1.x1), y1: max($0.y1, $1.y1)) }
    }

    /// The mean value of the image's outermost pixels: what the product's backdrop looks like.
    static func borderFill(_ image: RGBImage) -> UInt8 {
        var sum = 0, n = 0
        for y in 0..<image.height {
            for x in 0..<image.width where x == 0 || y == 0 || x == image.width - 1 || y == image.height - 1 {
                for c in 0..<image.channels { sum += Int(image[x, y, c]); n += 1 }
            }
        }
        return UInt8(sum / max(n, 1))
    }
}
