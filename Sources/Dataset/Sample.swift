import Annotations
import Foundation
import Imaging

/// One image of a LOCO-layout dataset with everything known about it.
public struct Sample: Hashable, Sendable {
    public let category: String
    public let split: LocoSplit
    public let label: LocoLabel
    /// The image path relative to the category folder, e.g. `test/logical_anomalies/003.png`.
    public let path: String
    public let imageURL: URL
    /// Fine LOCO defect types, sorted; empty for a good image.
    public let defectTypes: [String]
    /// The ground-truth masks, sorted by name; empty for a good image.
    public let maskURLs: [URL]
    /// The grounding annotation where the dataset has one (synthetic renders do, real photos not).
    public let annotation: ImageAnnotation?

    public init(category: String, split: LocoSplit, label: LocoLabel, path: String, imageURL: URL,
                defectTypes: [String], maskURLs: [URL], annotation: ImageAnnotation?) {
        self.category = category; self.split = split; self.label = label; self.path = path
        self.imageURL = imageURL; self.defectTypes = defectTypes.sorted(); self.maskURLs = maskURLs
        self.annotation = annotation
    }

    /// The image as RGB.
    public func loadImage(maxPixels: Int = ImageDecoder.defaultMaxPixels) throws -> RGBImage {
        try ImageDecoder.load(imageURL, maxPixels: maxPixels, mode: .rgb)
    }
}
