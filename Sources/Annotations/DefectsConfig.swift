import Foundation

/// One entry of MVTec LOCO's `defects_config.json`: a defect type and the mask value that marks it.
public struct DefectTypeConfig: Codable, Hashable, Sendable {
    public var defectName: String
    public var pixelValue: Int
    public var saturationThreshold: Double
    public var relativeSaturation: Bool

    public init(defectName: String, pixelValue: Int, saturationThreshold: Double, relativeSaturation: Bool) {
        self.defectName = defectName; self.pixelValue = pixelValue
        self.saturationThreshold = saturationThreshold; self.relativeSaturation = relativeSaturation
    }

    enum CodingKeys: String, CodingKey {
        case defectName = "defect_name", pixelValue = "pixel_value"
        case saturationThreshold = "saturation_threshold", relativeSaturation = "relative_saturation"
    }
}

/// A category's `defects_config.json`: maps mask pixel values to defect type names.
public struct DefectsConfig: Codable, Hashable, Sendable {
    public var entries: [DefectTypeConfig]

    public init(entries: [DefectTypeConfig]) { self.entries = entries }

    public init(from decoder: Decoder) throws { entries = try [DefectTypeConfig](from: decoder) }
    public func encode(to encoder: Encoder) throws { try entries.encode(to: encoder) }

    public func name(forPixelValue value: Int) -> String? { entries.first { $0.pixelValue == value }?.defectName }
    public func pixelValue(for name: String) -> Int? { entries.first { $0.defectName == name }?.pixelValue }

    public static func load(from url: URL) throws -> DefectsConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AnnotationError.unreadable(url.path, error.localizedDescription)
        }
        do { return try JSONDecoder().decode(DefectsConfig.self, from: data) } catch {
            throw AnnotationError.malformed(url.path, String(describing: error))
        }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
