import Annotations
import Imaging

/// Annotates a real juice_bottle photo (one bottle on black, upright, MVTec LOCO framing) with
/// classical vision: the bottle, the liquid with its colour and fill level, the top label with
/// its fruit icon and fruit, and the bottom label, in the vocabulary of docs/annotations.md.
///
/// Every finding is either clear or refused: a label candidate between "clearly a label" and
/// "clearly nothing", a colour near a boundary, an unplaceable surface or an icon too faint to
/// judge make the whole image refused, so that no uncertain annotation reaches the oracle.
public struct JuiceBottleAnnotator: Sendable {
    /// Label scores (see `LabelFinder.score`: about 0.6 to 1 for a label, below 0.5 where there
    /// is none) at or above `present` are labels, below `absent` nothing; between, the image is
    /// refused. Measured on the real photos: normal top labels score 0.58 and up, the best
    /// square where the top label is missing 0.47 or less; normal bottom labels score 0.495 and
    /// up, the best wide rectangle where the bottom label is missing 0.21 or less
    /// (docs/real-photos.md).
    public var topLabelThresholds = (absent: 0.50, present: 0.55)
    public var bottomLabelThresholds = (absent: 0.35, present: 0.45)

    public init() {}

    /// The parts of `image` in the order bottle, liquid, top_label, fruit_icon, bottom_label
    /// (absent parts left out), or why the image is refused.
    public func annotate(_ image: RGBImage) -> Result<[Part], Refusal> {
        guard image.channels == 3 else { return .failure(.noBottle("the image is not RGB")) }
        let lit = BinaryMask(image, where: PixelTests.isLit)
        let bottle: PixelRect
        switch BottleFinder.find(in: lit) {
        case .success(let b): bottle = b
        case .failure(let r): return .failure(r)
        }
        let aspect = Double(bottle.width) / Double(bottle.height)
        guard (0.22...0.38).contains(aspect) else {
            return .failure(.noBottle("a bottle box of \(bottle.width)x\(bottle.height) px is not bottle-shaped"))
        }

        // Closing fills the printed text and outlines, so a label reads as one block of paper.
        let topPaper = BinaryMask(image, where: PixelTests.isTopLabelPaper).closed(radius: 2)
        let bottomPaper = BinaryMask(image, where: PixelTests.isBottomLabelPaper).closed(radius: 2)
        let top: PixelRect?
        switch decide(LabelFinder.best(.top, paper: topPaper, bottle: bottle), topLabelThresholds, name: "top label") {
        case .success(let r): top = r
        case .failure(let r): return .failure(r)
        }
        let bottom: PixelRect?
        switch decide(LabelFinder.best(.bottom, paper: bottomPaper, bottle: bottle, excluding: top), bottomLabelThresholds,
                      name: "bottom label") {
        case .success(let r): bottom = r
        case .failure(let r): return .failure(r)
        }

        let liquid: LiquidFinder.Liquid?
        switch LiquidFinder.find(in: image, bottle: bottle, labels: [top, bottom].compactMap { $0 }) {
        case .success(let l): liquid = l
        case .failure(let r): return .failure(r)
        }
        var icon: IconFinder.Icon? = nil
        if let top {
            switch IconFinder.find(in: image, label: top) {
            case .success(let i): icon = i
            case .failure(let r): return .failure(r)
            }
        }

        var parts: [Part] = []
        func add(_ cls: String, _ rect: PixelRect, _ attributes: [String: AttributeValue] = [:]) {
            parts.append(Part(id: parts.count, cls: cls, box: rect.box, attributes: attributes))
        }
        add("bottle", bottle)
        if let liquid {
            let fill = Double(bottle.y1 - liquid.surface) / Double(bottle.height)
            add("liquid", PixelRect(x0: bottle.x0, y0: liquid.surface, x1: bottle.x1, y1: bottle.y1),
                ["colour": .string(liquid.colour), "fill": .number((fill * 1000).rounded() / 1000)])
        }
        if let top { add("top_label", top) }
        if let icon { add("fruit_icon", icon.rect, ["fruit": .string(icon.fruit)]) }
        if let bottom { add("bottom_label", bottom) }
        return .success(parts)
    }

    /// The annotation of a photo from a LOCO-layout folder: its parts and the given labels.
    public func annotation(of image: RGBImage, category: String = "juice_bottle", split: String, label: String,
                           path: String, defects: [String]) -> Result<ImageAnnotation, Refusal> {
        annotate(image).map {
            ImageAnnotation(category: category, split: split, label: label, image: path,
                            width: image.width, height: image.height, defects: defects, parts: $0)
        }
    }

    private func decide(_ candidate: LabelFinder.Candidate?, _ thresholds: (absent: Double, present: Double),
                        name: String) -> Result<PixelRect?, Refusal> {
        guard let candidate, candidate.score >= thresholds.absent else { return .success(nil) }
        guard candidate.score >= thresholds.present else {
            return .failure(.uncertainLabel("\(name) candidate scores \(Int(candidate.score * 100))%, between absent and present"))
        }
        return .success(candidate.rect)
    }
}
