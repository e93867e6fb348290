import Foundation
import Imaging
import Randomness

/// A change of pixel values that moves nothing: annotations stay as they are.
public enum PhotometricAdjustment: Hashable, Sendable, CustomStringConvertible {
    /// Adds `delta` (in 0...255 units) to every channel.
    case brightness(Double)
    /// Scales the distance of every value from the image mean by `factor`.
    case contrast(Double)
    /// value = 255 * (value / 255) ^ gamma.
    case gamma(Double)
    /// Adds Gaussian noise of standard deviation `sigma`, drawn from a generator seeded with `seed`.
    case noise(sigma: Double, seed: UInt64)
    /// A box blur of the given radius in pixels.
    case blur(radius: Int)
    /// Per-channel gains, then saturation scaled about each pixel's gray value.
    case colour(red: Double, green: Double, blue: Double, saturation: Double)

    public var description: String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        switch self {
        case .brightness(let d): return "brightness \(f(d))"
        case .contrast(let c): return "contrast \(f(c))"
        case .gamma(let g): return "gamma \(f(g))"
        case .noise(let s, _): return "noise \(f(s))"
        case .blur(let r): return "blur \(r)"
        case .colour(let r, let g, let b, let s): return "colour \(f(r)) \(f(g)) \(f(b)) saturation \(f(s))"
        }
    }

    public func apply(to image: RGBImage) -> RGBImage {
        var out = image
        switch self {
        case .brightness(let d):
            out.pixels = image.pixels.map { clamp(Double($0) + d) }
        case .contrast(let c):
            let mean = image.pixels.reduce(0.0) { $0 + Double($1) } / Double(image.pixels.count)
            out.pixels = image.pixels.map { clamp(mean + (Double($0) - mean) * c) }
        case .gamma(let g):
            let table = (0..<256).map { clamp(255 * pow(Double($0) / 255, g)) }
            out.pixels = image.pixels.map { table[Int($0)] }
        case .noise(let sigma, let seed):
            var rng = SeededGenerator(seed: seed)
            out.pixels = image.pixels.map { clamp(Double($0) + sigma * rng.gaussian()) }
        case .blur(let radius):
            out = boxBlur(image, radius: radius)
        case .colour(let r, let g, let b, let s):
            guard image.channels == 3 else { return image }
            for i in stride(from: 0, to: image.pixels.count, by: 3) {
                let c = [Double(image.pixels[i]) * r, Double(image.pixels[i + 1]) * g, Double(image.pixels[i + 2]) * b]
                let gray = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
                for k in 0..<3 { out.pixels[i + k] = clamp(gray + (c[k] - gray) * s) }
            }
        }
        return out
    }

    private func clamp(_ x: Double) -> UInt8 { UInt8(min(max(x.rounded(), 0), 255)) }

    /// Separable box blur; the window is cut at the image border.
    private func boxBlur(_ image: RGBImage, radius: Int) -> RGBImage {
        guard radius > 0 else { return image }
        let w = image.width, h = image.height, c = image.channels
        func pass(_ src: [UInt8], horizontal: Bool) -> [UInt8] {
            var dst = src
            for y in 0..<h {
                for x in 0..<w {
                    for k in 0..<c {
                        var sum = 0, n = 0
                        for d in -radius...radius {
                            let xx = horizontal ? x + d : x, yy = horizontal ? y : y + d
                            guard xx >= 0, xx < w, yy >= 0, yy < h else { continue }
                            sum += Int(src[(yy * w + xx) * c + k]); n += 1
                        }
                        dst[(y * w + x) * c + k] = UInt8((sum + n / 2) / n)
                    }
                }
            }
            return dst
        }
        return RGBImage(width: w, height: h, channels: c, pixels: pass(pass(image.pixels, horizontal: true), horizontal: false))
    }
}
