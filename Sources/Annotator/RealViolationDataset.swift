import Annotations
import Dataset
import Foundation
import Imaging
import Randomness
import Rules

/// A training set for real photos: the annotated normal photos of one split and violations of
/// every juice_bottle type synthesized from them, in the LOCO layout with `labels.csv`:
/// `<out>/juice_bottle/<split>/good` (a link to the source photos), `<split>/logical_anomalies/NNN.png`
/// (the edited photos), `annotations/<split>/{good,logical_anomalies}/NNN.json`. Optionally a share
/// of the real logical anomalies of the test split joins them as `real-NNN.png`.
public struct RealViolationDataset {
    public var synthesizer: RealViolationSynthesizer
    /// Sources tried per requested violation before giving up on it.
    public var attempts = 25
    private let oracle: Oracle

    public init(ruleBook: RuleBook) {
        synthesizer = RealViolationSynthesizer(ruleBook: ruleBook)
        oracle = Oracle(plan: ruleBook.plan)
    }

    /// What `write` made: violations per type, and the real anomalies taken (their paths in the source).
    public struct Written {
        public var made: [String: Int]
        public var realAnomalies: [String]
    }

    /// Writes `perType` violations of each type made from the annotated normal photos of
    /// `split` in `annotated`, and `realAnomalyShare` of the real logical anomalies of its test
    /// split (see `realAnomalies`).
    public func write(from annotated: LocoDataset, split: LocoSplit = .train, perType: Int, realAnomalyShare: Double = 0,
                      seed: UInt64, to out: URL) throws -> Written {
        precondition(perType >= 0, "perType must not be negative, got \(perType)")
        precondition((0...1).contains(realAnomalyShare), "realAnomalyShare must be in 0...1, got \(realAnomalyShare)")
        let normals = annotated.samples(split: split, label: .good).compactMap { s in s.annotation.map { (s, $0) } }
        guard !normals.isEmpty else { throw SynthesisError.notApplicable("no annotated normal photos in \(annotated.folder.path)/\(split.rawValue)") }
        let folder = out.appendingPathComponent(annotated.category)
        let fm = FileManager.default
        let anomalies = folder.appendingPathComponent("\(split.rawValue)/logical_anomalies")
        try? fm.removeItem(at: anomalies)
        try? fm.removeItem(at: folder.appendingPathComponent("annotations/\(split.rawValue)"))
        try fm.createDirectory(at: anomalies, withIntermediateDirectories: true)
        let goodLink = folder.appendingPathComponent("\(split.rawValue)/good")
        if (try? fm.destinationOfSymbolicLink(atPath: goodLink.path)) != nil { try fm.removeItem(at: goodLink) }
        guard !fm.fileExists(atPath: goodLink.path) else { throw AnnotatorError.outputOccupied(goodLink.path) }
        try fm.createSymbolicLink(at: goodLink, withDestinationURL: annotated.folder.appendingPathComponent("\(split.rawValue)/good").standardizedFileURL)

        var rows = ["path,split,label,defect_types"]
        for sample in annotated.samples(split: split, label: .good) {
            rows.append("\(sample.path),\(split.rawValue),good,")
            if let a = sample.annotation { try write(a.jsonData(), folder.appendingPathComponent("annotations/\((sample.path as NSString).deletingPathExtension).json")) }
        }
        // Icon donors: one photo of each fruit is enough, a few make the icons vary.
        var rng = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID("real-violations")])
        var donors: [(RGBImage, ImageAnnotation)] = []
        for fruit in ["orange", "cherry", "banana"] {
            for (s, a) in normals.filter({ $0.1.parts(of: "fruit_icon").first?[attribute: "fruit"]?.stringValue == fruit }).prefix(4) {
                donors.append((try s.loadImage(), a))
            }
        }
        // Lists one anomaly: its annotation moved to `split`, the image written by `save`, a labels row.
        func add(_ annotation: ImageAnnotation, file: String, save: (URL) throws -> Void) throws {
            var a = annotation
            a.split = split.rawValue; a.label = "logical_anomalies"
            a.image = "\(split.rawValue)/logical_anomalies/\(file)"
            try save(anomalies.appendingPathComponent(file))
            let stem = (file as NSString).deletingPathExtension
            try write(a.jsonData(), folder.appendingPathComponent("annotations/\(split.rawValue)/logical_anomalies/\(stem).json"))
            rows.append("\(a.image),\(split.rawValue),logical_anomaly,\(a.defects.joined(separator: ";"))")
        }
        var made: [String: Int] = [:], index = 0
        for type in RealViolationSynthesizer.types {
            for _ in 0..<perType {
                for _ in 0..<attempts {
                    let (sample, annotation) = rng.pick(normals)
                    guard let result = try? synthesizer.synthesize(type, from: try sample.loadImage(), annotation,
                                                                  donors: donors, using: &rng) else { continue }
                    try add(result.annotation, file: String(format: "%03d.png", index)) { try PNGEncoder.write(result.image, to: $0) }
                    index += 1
                    made[type, default: 0] += 1
                    break
                }
            }
        }
        var taken: [String] = []
        for sample in realAnomalies(of: annotated, share: realAnomalyShare, seed: seed) {
            // Copied byte for byte, so the model's training-image list recognises the source photo.
            try add(sample.annotation!, file: "real-" + (sample.path as NSString).lastPathComponent) { try Data(contentsOf: sample.imageURL).write(to: $0, options: .atomic) }
            taken.append(sample.path)
        }
        try write(Data((rows.joined(separator: "\n") + "\n").utf8), folder.appendingPathComponent("labels.csv"))
        return Written(made: made, realAnomalies: taken)
    }

    /// `share` of the annotated real logical anomalies of the test split, per defect case (rounded
    /// down, so a case of one photo keeps it for evaluation), drawn by `seed`; only photos whose
    /// annotation the oracle labels exactly as `labels.csv` does, so the chain-of-thought taught
    /// is the labelled one. The rest stay unseen for evaluation.
    public func realAnomalies(of annotated: LocoDataset, share: Double, seed: UInt64) -> [Sample] {
        guard share > 0 else { return [] }
        var rng = SeededGenerator(seed: seed, stream: [SeededGenerator.streamID("real-anomalies")])
        var cases: [String: [Sample]] = [:]
        for s in annotated.samples(split: .test, label: .logicalAnomalies) { cases[s.defectTypes.joined(separator: "+"), default: []].append(s) }
        var taken: [Sample] = []
        for key in cases.keys.sorted() {
            let members = cases[key]!
            let wanted = Int((Double(members.count) * share).rounded(.down))
            var readable = members.filter { s in
                guard let a = s.annotation, let result = try? oracle.run(a, path: s.path) else { return false }
                return result.types.sorted() == s.defectTypes
            }
            readable.shuffle(using: &rng)
            taken += readable.prefix(wanted)
        }
        return taken.sorted { $0.path < $1.path }
    }

    private func write(_ data: Data, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
