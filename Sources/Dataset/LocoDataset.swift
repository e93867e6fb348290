import Annotations
import Foundation
import Imaging

/// A category folder in the MVTec LOCO layout (see docs/annotations.md), real or rendered, read
/// into its samples.
///
/// Defect types come from `labels.csv` when the folder has one (the real juice_bottle set, whose
/// merged binary masks cannot tell types apart); otherwise from the mask pixel values through
/// `defects_config.json`. Annotations are read from `annotations/<split>/<label>/<name>.json`
/// where present.
public struct LocoDataset: Sendable {
    public let category: String
    /// The category folder: the one holding `train/`, `validation/`, `test/`.
    public let folder: URL
    public let defectsConfig: DefectsConfig?
    /// Ordered by split (train, validation, test), label, then file name.
    public let samples: [Sample]

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Reads `root/<category>`, or `root` itself when it is a category folder (such as
    /// `juice_bottle_real`, which is the juice_bottle category folder under another name).
    public init(root: URL, category: String) throws {
        guard Self.isDirectory(root) else { throw DatasetError.missingFolder(root.path) }
        let nested = root.appendingPathComponent(category)
        if Self.isCategoryFolder(nested) {
            try self.init(categoryFolder: nested, category: category)
        } else if Self.isCategoryFolder(root) {
            try self.init(categoryFolder: root, category: category)
        } else {
            throw DatasetError.unknownCategory(category, root: root.path, available: try Self.categories(in: root))
        }
    }

    /// Reads the category folder `folder` whose images show `category`.
    public init(categoryFolder folder: URL, category: String) throws {
        guard Self.isDirectory(folder) else { throw DatasetError.missingFolder(folder.path) }
        guard Self.isCategoryFolder(folder) else { throw DatasetError.notACategoryFolder(folder.path) }
        self.category = category
        self.folder = folder
        let configURL = folder.appendingPathComponent("defects_config.json")
        defectsConfig = FileManager.default.fileExists(atPath: configURL.path) ? try DefectsConfig.load(from: configURL) : nil
        let labelsURL = folder.appendingPathComponent(LabelsFile.fileName)
        let labels = FileManager.default.fileExists(atPath: labelsURL.path)
            ? try LabelsFile(url: labelsURL, knownTypes: defectsConfig.map { Set($0.entries.map(\.defectName)) })
            : nil

        var samples: [Sample] = []
        for split in LocoSplit.allCases {
            let splitFolder = folder.appendingPathComponent(split.rawValue)
            guard Self.isDirectory(splitFolder) else { continue }
            for labelName in try Self.contents(of: splitFolder).filter({ Self.isDirectory(splitFolder.appendingPathComponent($0)) }) {
                guard let label = LocoLabel(rawValue: labelName) else {
                    throw DatasetError.unknownLabelFolder(splitFolder.appendingPathComponent(labelName).path)
                }
                let labelFolder = splitFolder.appendingPathComponent(labelName)
                for file in try Self.contents(of: labelFolder) where Self.imageExtensions.contains((file as NSString).pathExtension.lowercased()) {
                    samples.append(try Self.sample(folder: folder, category: category, split: split, label: label, file: file,
                                                   config: defectsConfig, configURL: configURL, labels: labels))
                }
            }
        }
        if let labels {
            let listed = Set(samples.map(\.path))
            if let (path, entry) = labels.entries.filter({ !listed.contains($0.key) }).min(by: { $0.value.line < $1.value.line }) {
                throw DatasetError.malformedLabels(labels.path, line: entry.line, "'\(path)' is not an image of this folder")
            }
        }
        self.samples = samples
    }

    /// The categories under `root`: its subfolders in the LOCO layout, sorted. A category folder
    /// has none (its `annotations/` holds split folders too, but is no category).
    public static func categories(in root: URL) throws -> [String] {
        guard isDirectory(root) else { throw DatasetError.missingFolder(root.path) }
        return try contents(of: root).filter { !reservedFolders.contains($0) && isCategoryFolder(root.appendingPathComponent($0)) }
    }

    /// Folders of a category folder that hold split folders but are not categories.
    static let reservedFolders: Set<String> = ["annotations", "ground_truth"]

    public func samples(split: LocoSplit, label: LocoLabel? = nil) -> [Sample] {
        samples.filter { $0.split == split && (label == nil || $0.label == label) }
    }

    /// How many samples carry each defect type (an image with two types counts under both).
    public var defectTypeCounts: [String: Int] {
        samples.reduce(into: [:]) { counts, sample in for t in sample.defectTypes { counts[t, default: 0] += 1 } }
    }

    private static func sample(folder: URL, category: String, split: LocoSplit, label: LocoLabel, file: String,
                               config: DefectsConfig?, configURL: URL, labels: LabelsFile?) throws -> Sample {
        let path = "\(split.rawValue)/\(label.rawValue)/\(file)"
        let imageURL = folder.appendingPathComponent(path)
        let stem = (file as NSString).deletingPathExtension
        let maskFolder = folder.appendingPathComponent("ground_truth/\(label.rawValue)/\(stem)")
        let masks = label == .good || !isDirectory(maskFolder) ? [] :
            try contents(of: maskFolder).filter { ($0 as NSString).pathExtension.lowercased() == "png" }
                .map { maskFolder.appendingPathComponent($0) }

        let types: [String]
        if let labels {
            guard let entry = labels.entries[path] else { throw DatasetError.unlistedImage(imageURL.path, labels: labels.path) }
            guard entry.split == split, entry.label == label else {
                throw DatasetError.malformedLabels(labels.path, line: entry.line,
                                                   "says \(entry.split.rawValue)/\(entry.label.rawValue), the file is in \(split.rawValue)/\(label.rawValue)")
            }
            types = entry.defectTypes
        } else if label == .good {
            types = []
        } else {
            guard isDirectory(maskFolder) else { throw DatasetError.missingGroundTruth(image: imageURL.path, folder: maskFolder.path) }
            guard let config else { throw DatasetError.missingDefectsConfig(configURL.path) }
            types = try MaskDefectTypes.read(masks, config: config)
            guard !types.isEmpty else { throw DatasetError.noDefectTypes(imageURL.path) }
        }

        let annotationURL = folder.appendingPathComponent("annotations/\(split.rawValue)/\(label.rawValue)/\(stem).json")
        var annotation: ImageAnnotation? = nil
        if FileManager.default.fileExists(atPath: annotationURL.path) {
            let loaded = try ImageAnnotation.load(from: annotationURL)
            let mismatch = [("category", loaded.category, category), ("image", loaded.image, path),
                            ("split", loaded.split, split.rawValue), ("label", loaded.label, label.rawValue)]
                .first { $0.1 != $0.2 }
            if let (field, found, expected) = mismatch {
                throw DatasetError.annotationMismatch(annotationURL.path, "\(field) is '\(found)', expected '\(expected)'")
            }
            annotation = loaded
        }
        return Sample(category: category, split: split, label: label, path: path, imageURL: imageURL,
                      defectTypes: types, maskURLs: masks, annotation: annotation)
    }

    /// A folder with at least one split folder in it.
    static func isCategoryFolder(_ url: URL) -> Bool {
        LocoSplit.allCases.contains { isDirectory(url.appendingPathComponent($0.rawValue)) }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Visible entries of a folder, sorted by name.
    static func contents(of folder: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw DatasetError.missingFolder(folder.path)
        }
    }
}
