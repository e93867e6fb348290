import Annotations
import Foundation
import Imaging

/// Writes a small LOCO-layout category folder into a temporary directory: images, masks filled
/// with defect pixel values, defects_config.json and annotations, as the renderer does.
struct SyntheticFolder {
    let root: URL
    let category: String
    var folder: URL { root.appendingPathComponent(category) }

    static let config = DefectsConfig(entries: [
        DefectTypeConfig(defectName: "missing_top_label", pixelValue: 255, saturationThreshold: 70400, relativeSaturation: false),
        DefectTypeConfig(defectName: "missing_bottom_label", pixelValue: 254, saturationThreshold: 32700, relativeSaturation: false),
        DefectTypeConfig(defectName: "damaged_label", pixelValue: 252, saturationThreshold: 1, relativeSaturation: true),
        DefectTypeConfig(defectName: "empty_bottle", pixelValue: 247, saturationThreshold: 1, relativeSaturation: true),
        DefectTypeConfig(defectName: "wrong_juice_type", pixelValue: 240, saturationThreshold: 1, relativeSaturation: true),
    ])

    init(category: String = "juice_bottle", root: URL? = nil) throws {
        self.root = root ?? FileManager.default.temporaryDirectory.appendingPathComponent("loco-\(UUID().uuidString)")
        self.category = category
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.config.jsonData().write(to: folder.appendingPathComponent("defects_config.json"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// An image whose pixels encode `seed`, so a read-back image can be told from the others.
    static func image(seed: Int) -> RGBImage {
        var image = RGBImage(width: 12, height: 24)
        for i in image.pixels.indices { image.pixels[i] = UInt8((i * 7 + seed * 31) % 256) }
        return image
    }

    /// A gray mask with a rectangle of each value, side by side.
    static func mask(values: [UInt8]) -> RGBImage {
        var mask = RGBImage(width: 12, height: 24, channels: 1)
        for (k, v) in values.enumerated() { for y in 2..<6 { for x in (3 * k)..<(3 * k + 2) { mask[x, y, 0] = v } } }
        return mask
    }

    @discardableResult
    func addImage(_ path: String, seed: Int, masks: [[UInt8]] = [], annotated: Bool = true) throws -> RGBImage {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let image = Self.image(seed: seed)
        try PNGEncoder.write(image, to: url)
        let parts = path.split(separator: "/").map(String.init)
        let stem = (parts[2] as NSString).deletingPathExtension
        for (k, values) in masks.enumerated() {
            let maskURL = folder.appendingPathComponent("ground_truth/\(parts[1])/\(stem)/\(String(format: "%03d", k)).png")
            try FileManager.default.createDirectory(at: maskURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try PNGEncoder.write(Self.mask(values: values), to: maskURL)
        }
        if annotated { try writeAnnotation(annotation(for: path, defects: masks.flatMap { $0 }.compactMap { Self.config.name(forPixelValue: Int($0)) })) }
        return image
    }

    func annotation(for path: String, defects: [String]) -> ImageAnnotation {
        let parts = path.split(separator: "/").map(String.init)
        return ImageAnnotation(category: category, split: parts[0], label: parts[1], image: path, width: 12, height: 24,
                               defects: Array(Set(defects)),
                               parts: [Part(id: 0, cls: "bottle", box: Box(x0: 2, y0: 3, x1: 10, y1: 22)),
                                       Part(id: 1, cls: "liquid", box: Box(x0: 2, y0: 8, x1: 10, y1: 22),
                                            attributes: ["colour": "red", "fill": 0.75])])
    }

    func writeAnnotation(_ annotation: ImageAnnotation) throws {
        let parts = annotation.image.split(separator: "/").map(String.init)
        let url = folder.appendingPathComponent("annotations/\(parts[0])/\(parts[1])/\((parts[2] as NSString).deletingPathExtension).json")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try annotation.jsonData().write(to: url)
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(path))
    }
}
