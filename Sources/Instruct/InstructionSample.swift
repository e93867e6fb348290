import Foundation
import Imaging

/// The image of a sample: a file (path as written in the JSONL, relative to the JSONL's folder
/// or absolute), or pixels in memory for samples generated on the fly.
public enum SampleImage: Hashable, Sendable {
    case path(String)
    case pixels(RGBImage)
}

extension SampleImage: Codable {
    private enum CodingKeys: String, CodingKey { case path, width, height, channels, pixels }

    /// A path is stored as a string; pixels as their size and base64 bytes.
    public init(from decoder: Decoder) throws {
        if let c = try? decoder.singleValueContainer(), let p = try? c.decode(String.self) {
            self = .path(p)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let w = try c.decode(Int.self, forKey: .width), h = try c.decode(Int.self, forKey: .height)
        let ch = try c.decode(Int.self, forKey: .channels)
        guard let bytes = Data(base64Encoded: try c.decode(String.self, forKey: .pixels)) else {
            throw DecodingError.dataCorruptedError(forKey: .pixels, in: c, debugDescription: "pixels are not base64")
        }
        guard w > 0, h > 0, ch == 1 || ch == 3, bytes.count == w * h * ch else {
            throw DecodingError.dataCorruptedError(forKey: .pixels, in: c,
                debugDescription: "\(bytes.count) bytes do not make a \(w)x\(h)x\(ch) image")
        }
        self = .pixels(RGBImage(width: w, height: h, channels: ch, pixels: [UInt8](bytes)))
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .path(let p):
            var c = encoder.singleValueContainer()
            try c.encode(p)
        case .pixels(let img):
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(img.width, forKey: .width)
            try c.encode(img.height, forKey: .height)
            try c.encode(img.channels, forKey: .channels)
            try c.encode(Data(img.pixels).base64EncodedString(), forKey: .pixels)
        }
    }
}

/// One training sample for our model: an image, a prompt and the response to learn, with where
/// each step lies in the response (for per-subquery loss) and the oracle's defect types.
/// Stored one per line in the native JSONL.
public struct InstructionSample: Codable, Hashable, Sendable {
    public var image: SampleImage
    public var width: Int
    public var height: Int
    public var category: String
    /// nil for a full inspection; the subquery id for a single-subquery sample.
    public var subquery: String?
    public var style: CoTStyle
    public var prompt: String
    public var response: String
    /// Every step of the response (the verdict line as `verdict`), in response order.
    public var steps: [StepSpan]
    /// The oracle's fine types for the (augmented) image, rule-book order; empty when normal.
    public var defects: [String]
    /// What was done to the source image, e.g. `brightness 1.08`, `shift 3 -2`, `remove tangerine 4`.
    public var augmentations: [String]
    /// The source image the sample was made from (path relative to the dataset root), for tracing.
    public var source: String

    public init(image: SampleImage, width: Int, height: Int, category: String, subquery: String?, style: CoTStyle,
                prompt: String, response: String, steps: [StepSpan], defects: [String], augmentations: [String],
                source: String) {
        self.image = image; self.width = width; self.height = height; self.category = category
        self.subquery = subquery; self.style = style; self.prompt = prompt; self.response = response
        self.steps = steps; self.defects = defects; self.augmentations = augmentations; self.source = source
    }

    /// The words of the response, which `steps` index.
    public var responseWords: [String] { CoTText.words(response) }
}
