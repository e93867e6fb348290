import Imaging
import Randomness

/// Turns a drawn canvas into the stored photo: applies the light of `CameraAndLight` and adds
/// approximately Gaussian sensor noise (a sum of four uniform bytes, Irwin-Hall), which costs one
/// generator draw per two samples and keeps rendering fast.
enum Sensor {
    static func capture(_ canvas: Canvas, light: CameraAndLight, using g: inout SeededGenerator) -> RGBImage {
        let w = canvas.width, h = canvas.height
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        // The sum of 4 uniform bytes has standard deviation sqrt(4 * (256^2 - 1) / 12) = 147.8.
        let noiseScale = Float(light.noise / 147.8)
        let tint = (Float(light.tint.r), Float(light.tint.g), Float(light.tint.b))
        var rng = g
        canvas.withPixels { src, stride in
            pixels.withUnsafeMutableBufferPointer { out in
                var bits: UInt64 = 0
                var left = 0
                @inline(__always) func noise() -> Float {
                    if left == 0 { bits = rng.next(); left = 2 }
                    let s = Int(bits & 0xFF) + Int((bits >> 8) & 0xFF) + Int((bits >> 16) & 0xFF) + Int((bits >> 24) & 0xFF)
                    bits >>= 32; left -= 1
                    return Float(s - 510) * noiseScale
                }
                @inline(__always) func clampByte(_ v: Float) -> UInt8 { UInt8(min(255, max(0, v + 0.5))) }
                for y in 0..<h {
                    let rowGain = Float(light.gain + light.gradient.y * (Double(y) / Double(h) - 0.5))
                    for x in 0..<w {
                        let gain = rowGain + Float(light.gradient.x * (Double(x) / Double(w) - 0.5))
                        let p = src[y * stride + x]
                        let o = (y * w + x) * 3
                        out[o] = clampByte(Float((p >> 16) & 0xFF) * gain * tint.0 + noise())
                        out[o + 1] = clampByte(Float((p >> 8) & 0xFF) * gain * tint.1 + noise())
                        out[o + 2] = clampByte(Float(p & 0xFF) * gain * tint.2 + noise())
                    }
                }
            }
        }
        g = rng
        return RGBImage(width: w, height: h, pixels: pixels)
    }
}
