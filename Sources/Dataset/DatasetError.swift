/// Why a dataset folder could not be read; each case names the file or folder at fault.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    case missingFolder(String)
    case unknownCategory(String, root: String, available: [String])
    case notACategoryFolder(String)
    case unknownLabelFolder(String)
    case missingDefectsConfig(String)
    case missingGroundTruth(image: String, folder: String)
    case unknownMaskValue(mask: String, value: Int)
    case noDefectTypes(String)
    case malformedLabels(String, line: Int, String)
    case unlistedImage(String, labels: String)
    case annotationMismatch(String, String)
    case unreadable(String, String)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .missingFolder(let p): return "\(p): no such folder"
        case .unknownCategory(let name, let root, let available):
            let known = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "unknown category '\(name)' in \(root) (categories there: \(known))"
        case .notACategoryFolder(let p): return "\(p): not a category folder (it has no train, validation or test folder)"
        case .unknownLabelFolder(let p):
            return "\(p): unknown label folder (expected \(LocoLabel.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .missingDefectsConfig(let p): return "\(p): missing; needed to name the defect types of the masks"
        case .missingGroundTruth(let image, let folder): return "\(image): anomalous image without ground truth folder \(folder)"
        case .unknownMaskValue(let mask, let value): return "\(mask): pixel value \(value) is not in defects_config.json"
        case .noDefectTypes(let p): return "\(p): anomalous image whose masks name no defect type"
        case .malformedLabels(let p, let line, let why): return "\(p):\(line): \(why)"
        case .unlistedImage(let image, let labels): return "\(image): not listed in \(labels)"
        case .annotationMismatch(let p, let why): return "\(p): annotation does not match its image (\(why))"
        case .unreadable(let p, let why): return "\(p): cannot read (\(why))"
        case .malformed(let p, let why): return "\(p): \(why)"
        }
    }
}
