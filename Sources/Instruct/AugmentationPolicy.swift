/// The ranges augmentations are drawn from. The defaults are mild on purpose: colour-defined
/// attributes (juice type, cable colour) must still read as their colour after any photometric
/// change, and every part must stay inside the image after any geometric one.
public struct AugmentationPolicy: Hashable, Sendable {
    /// Added to every channel, in 0...255 units.
    public var brightness: ClosedRange<Double> = -12...12
    public var contrast: ClosedRange<Double> = 0.9...1.1
    public var gamma: ClosedRange<Double> = 0.9...1.1
    /// Standard deviation of additive Gaussian noise.
    public var noise: ClosedRange<Double> = 0...5
    /// Chance of a radius-1 box blur.
    public var blurProbability: Double = 0.3
    /// Per-channel gain, the colour jitter. ±4 % keeps yellow, red and white juice and yellow,
    /// blue and red cables apart (tested on rendered scenes).
    public var channelGain: ClosedRange<Double> = 0.96...1.04
    public var saturation: ClosedRange<Double> = 0.92...1.08

    /// Largest shift, as a fraction of the image side.
    public var shift: Double = 0.06
    public var scale: ClosedRange<Double> = 0.92...1.08
    /// Largest rotation, degrees either way.
    public var rotation: Double = 3
    /// Smallest crop side as a fraction of the image side (the crop always holds every part).
    public var minCrop: Double = 0.8
    /// Chance of each geometric transform.
    public var geometricProbability: Double = 0.5
    /// Mirrors that keep the labels of this product; no other mirror is drawn. Attributes that
    /// name positions (`side`, `row`, `col`, clamp indices) do not follow a mirror, so the oracle
    /// could not relabel one: a mirrored breakfast box still reads "fruit in the left
    /// compartment". The rule-books do not mark mirrors yet, so none by default.
    public var labelPreservingFlips: Set<FlipAxis> = []

    public enum FlipAxis: String, Hashable, Sendable, CaseIterable { case horizontal, vertical }

    public init() {}

    /// No change at all: samples keep the source image.
    public static let none: AugmentationPolicy = {
        var p = AugmentationPolicy()
        p.brightness = 0...0; p.contrast = 1...1; p.gamma = 1...1; p.noise = 0...0; p.blurProbability = 0
        p.channelGain = 1...1; p.saturation = 1...1; p.geometricProbability = 0
        return p
    }()
}
