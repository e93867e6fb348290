import Annotations

/// Boxes as location words for our model: `<loc_N>` with N in 0..<bins, x quantised over the image
/// width and y over its height, written `x0 y0 x1 y1`. Four words per box, whatever the image size.
public struct LocationTokens: Hashable, Sendable {
    public static let defaultBins = 64
    public let bins: Int

    public init(bins: Int = LocationTokens.defaultBins) {
        precondition(bins >= 2, "location bins must be at least 2, got \(bins)")
        self.bins = bins
    }

    /// Every location word, `<loc_0>` ... `<loc_{bins-1}>`.
    public var words: [String] { (0..<bins).map(word) }

    public func word(_ index: Int) -> String { "<loc_\(index)>" }

    /// The bin index of a location word, nil for any other word or an index out of range.
    public func index(of word: String) -> Int? {
        guard word.hasPrefix("<loc_"), word.hasSuffix(">") else { return nil }
        guard let n = Int(word.dropFirst(5).dropLast()), (0..<bins).contains(n) else { return nil }
        return n
    }

    /// The bin of a coordinate along an axis of `size` pixels (clamped to the image).
    public func bin(_ coordinate: Double, size: Int) -> Int {
        let b = Int((coordinate / Double(size) * Double(bins)).rounded(.down))
        return min(max(b, 0), bins - 1)
    }

    /// The centre of a bin in pixels.
    public func coordinate(_ bin: Int, size: Int) -> Double { (Double(bin) + 0.5) * Double(size) / Double(bins) }

    /// The four words of a box in an image of `width` x `height` pixels.
    public func words(for box: Box, width: Int, height: Int) -> [String] {
        [word(bin(box.x0, size: width)), word(bin(box.y0, size: height)),
         word(bin(box.x1, size: width)), word(bin(box.y1, size: height))]
    }

    /// The box of four location words, in pixels at the bin centres; nil unless all four are location words.
    public func box(from words: ArraySlice<String>, width: Int, height: Int) -> Box? {
        guard words.count == 4 else { return nil }
        let n = words.compactMap(index(of:))
        guard n.count == 4 else { return nil }
        return Box(x0: coordinate(n[0], size: width), y0: coordinate(n[1], size: height),
                   x1: coordinate(n[2], size: width), y1: coordinate(n[3], size: height))
    }
}
