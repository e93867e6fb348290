/// The colour tests the finders apply to single pixels, named by what they pick out in a
/// juice_bottle photo (black background, clear glass, coloured juice, cream paper labels).
enum PixelTests {
    /// Anything brighter than the black background: glass edges, juice, labels.
    static func isLit(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool { max(r, g, b) > 35 }

    /// Top-label paper: bright and orange-yellow, with far less blue than red. Juice is darker
    /// or less warm; glare on banana juice beside the label is as bright but bluer (R - B about
    /// 60); printed ink and the icon are darker or differently coloured.
    static func isTopLabelPaper(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool {
        r >= 200 && g >= 140 && Int(r) - Int(b) >= 85
    }

    /// Bottom-label paper: paler cream than the top label, so a looser blue limit.
    static func isBottomLabelPaper(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Bool {
        r >= 200 && g >= 140 && Int(r) - Int(b) >= 60
    }

    static func luma(_ r: Double, _ g: Double, _ b: Double) -> Double { 0.299 * r + 0.587 * g + 0.114 * b }
}
