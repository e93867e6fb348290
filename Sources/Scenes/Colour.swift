import Randomness

/// A linear colour with channels in 0...1, as cairo takes them.
struct Colour {
    var r: Double, g: Double, b: Double

    init(_ r: Double, _ g: Double, _ b: Double) { self.r = r; self.g = g; self.b = b }

    /// The colour with each channel scaled by a random factor in `1 ± amount` and the whole
    /// colour by `1 ± brightness`: instance-to-instance variation that keeps the hue family.
    func jittered(_ amount: Double, brightness: Double = 0, using g: inout SeededGenerator) -> Colour {
        let k = 1 + g.uniform(-brightness, brightness)
        func ch(_ v: Double, _ g: inout SeededGenerator) -> Double { min(1, max(0, v * k * (1 + g.uniform(-amount, amount)))) }
        return Colour(ch(r, &g), ch(self.g, &g), ch(b, &g))
    }

    func scaled(_ k: Double) -> Colour { Colour(min(1, r * k), min(1, g * k), min(1, b * k)) }

    func mixed(with o: Colour, _ t: Double) -> Colour {
        Colour(r + (o.r - r) * t, g + (o.g - g) * t, b + (o.b - b) * t)
    }
}
