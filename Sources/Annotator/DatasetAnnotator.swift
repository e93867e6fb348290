import Annotations
import Dataset
import Foundation
import Imaging

/// Annotates every image of a LOCO-layout juice_bottle folder and writes the result as a
/// dataset root: `<out>/<category>/annotations/<split>/<label>/<name>.json` (docs/annotations.md),
/// optional overlays in `<out>/<category>/overlays/...png`, the refused images with their
/// reasons in `<out>/<category>/refused.txt`, and links to the source's image folders and
/// label files, so that `<out>` reads as an annotated dataset without copying any image.
public struct DatasetAnnotator {
    public struct Outcome: Sendable {
        public var sample: Sample
        public var result: Result<ImageAnnotation, Refusal>
    }

    public var annotator: JuiceBottleAnnotator
    public var writeOverlays: Bool

    public init(annotator: JuiceBottleAnnotator = JuiceBottleAnnotator(), writeOverlays: Bool = false) {
        self.annotator = annotator; self.writeOverlays = writeOverlays
    }

    /// Annotates `samples` (two at a time) and writes the results under `out`.
    public func run(_ dataset: LocoDataset, samples: [Sample]? = nil, out: URL) throws -> [Outcome] {
        let samples = samples ?? dataset.samples
        let folder = out.appendingPathComponent(dataset.category)
        try linkSource(dataset.folder, into: folder)
        let results = try annotate(samples)
        var refused: [String] = []
        for (sample, result) in zip(samples, results) {
            let stem = (sample.path as NSString).deletingPathExtension
            let relative = stem.replacingOccurrences(of: "\(sample.split.rawValue)/\(sample.label.rawValue)/", with: "")
            let annotationURL = folder.appendingPathComponent("annotations/\(sample.split.rawValue)/\(sample.label.rawValue)/\(relative).json")
            let overlayURL = folder.appendingPathComponent("overlays/\(sample.split.rawValue)/\(sample.label.rawValue)/\(relative).png")
            try? FileManager.default.removeItem(at: annotationURL)
            switch result {
            case .success(let annotation):
                try write(annotation.jsonData(), to: annotationURL)
            case .failure(let why):
                refused.append("\(sample.path)\t\(why)")
            }
            if writeOverlays {
                let image = try sample.loadImage()
                let parts = (try? result.get())?.parts ?? []
                let caption: String
                switch result {
                case .success: caption = sample.defectTypes.isEmpty ? "good" : sample.defectTypes.joined(separator: ", ")
                case .failure(let why): caption = "REFUSED: \(why)"
                }
                try FileManager.default.createDirectory(at: overlayURL.deletingLastPathComponent(), withIntermediateDirectories: true)
                try PNGEncoder.write(AnnotationOverlay.render(image, parts: parts, caption: caption), to: overlayURL)
            }
        }
        try write(Data((refused.map { $0 + "\n" }.joined()).utf8), to: folder.appendingPathComponent("refused.txt"))
        return zip(samples, results).map { Outcome(sample: $0, result: $1) }
    }

    /// Each sample's annotation or refusal, in order; images are read and annotated in parallel.
    public func annotate(_ samples: [Sample]) throws -> [Result<ImageAnnotation, Refusal>] {
        let slots = ResultSlots(count: samples.count)
        DispatchQueue.concurrentPerform(iterations: samples.count) { i in
            let s = samples[i]
            slots.set(i, Result { try s.loadImage() }.map { image in
                annotator.annotation(of: image, category: s.category, split: s.split.rawValue, label: s.label.rawValue,
                                     path: s.path, defects: s.defectTypes)
            })
        }
        return try slots.values.map { try $0!.get() }
    }

    /// Links the source's image folders and label files into `folder` (replacing old links).
    private func linkSource(_ source: URL, into folder: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["train", "validation", "test", "ground_truth", "labels.csv", "defects_config.json"] {
            let target = source.appendingPathComponent(name)
            guard fm.fileExists(atPath: target.path) else { continue }
            let link = folder.appendingPathComponent(name)
            if (try? fm.destinationOfSymbolicLink(atPath: link.path)) != nil { try fm.removeItem(at: link) }
            guard !fm.fileExists(atPath: link.path) else {
                throw AnnotatorError.outputOccupied(link.path)
            }
            try fm.createSymbolicLink(at: link, withDestinationURL: target.standardizedFileURL)
        }
    }

    private func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}

/// Results written from parallel workers, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Result<ImageAnnotation, Refusal>, Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<Result<ImageAnnotation, Refusal>, Error>) { lock.lock(); slots[i] = value; lock.unlock() }
    var values: [Result<Result<ImageAnnotation, Refusal>, Error>?] { lock.lock(); defer { lock.unlock() }; return slots }
}

public enum AnnotatorError: Error, CustomStringConvertible, Equatable {
    /// The output folder already holds a real file or folder where a link to the source goes.
    case outputOccupied(String)

    public var description: String {
        switch self {
        case .outputOccupied(let p): return "\(p) exists and is not a link; choose an empty --out folder"
        }
    }
}
