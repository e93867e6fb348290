import Annotations
import Foundation
import Imaging

/// The defect types a set of LOCO masks marks: every distinct nonzero pixel value, named through
/// defects_config.json. Several types per image where its masks carry several values.
enum MaskDefectTypes {
    static func read(_ masks: [URL], config: DefectsConfig) throws -> [String] {
        var types = Set<String>()
        for mask in masks {
            let image = try ImageDecoder.load(mask, mode: .gray)
            var present = [Bool](repeating: false, count: 256)
            for v in image.pixels { present[Int(v)] = true }
            for value in 1..<256 where present[value] {
                guard let name = config.name(forPixelValue: value) else {
                    throw DatasetError.unknownMaskValue(mask: mask.path, value: value)
                }
                types.insert(name)
            }
        }
        return types.sorted()
    }
}
