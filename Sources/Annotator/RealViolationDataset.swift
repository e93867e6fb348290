import Annotations
import Dataset
import Foundation
import Imaging
import Randomness
import Rules

/// A training set for real photos: the annotated normal photos of one split and violations of
/// every juice_bottle type synthesized from them, in the LOCO layout with `labels.csv`:
/// `<out>/juice_bottle/<split>/good` (a link to the source photos), `<split>/logical_anomalies/NNN.png`
/// (the edited photos), `annotations/<split>/{good,logical_anomalies}/NNN.json`.
public struct RealViolationDataset {
    public var synthesizer: RealViolationSynthesizer
    /// Sources tried per requested violation before giving up on it.
    public var attempts = 25

    public init(ruleBook: RuleBook) { synthesizer = RealViolationSynthesizer(ruleBook: ruleBook) }

    /// Writes `perType` violations of each type made from the annotated normal photos of
    /// `split` in `annotated`; returns how many of each type were made.
    public func write(from annotated: LocoDataset, split: LocoSplit = .train, perType: Int, seed: UInt64,
                      to out: URL) throws -> [String: Int] {
        precondition(perType >= 0, "perType must not be negative, got \(perType)")
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
        var made: [String: Int] = [:], index = 0
        for type in RealViolationSynthesizer.types {
            for _ in 0..<perType {
                for _ in 0..<attempts {
                    let (sample, annotation) = normals[Int(rng.next() % UInt64(normals.count))]
                    guard let result = try? synthesizer.synthesize(type, from: try sample.loadImage(), annotation,
                                                                  donors: donors, using: &rng) else { continue }
                    let name = String(format: "%03d", index)
                    index += 1
                    var a = result.annotation
                    a.split = split.rawValue; a.label = "logical_anomalies"
                    a.image = "\(split.rawValue)/logical_anomalies/\(name).png"
                    try PNGEncoder.write(result.image, to: anomalies.appendingPathComponent("\(name).png"))
                    try write(a.jsonData(), folder.appendingPathComponent("annotations/\(split.rawValue)/logical_anomalies/\(name).json"))
                    rows.append("\(a.image),\(split.rawValue),logical_anomaly,\(a.defects.joined(separator: ";"))")
                    made[type, default: 0] += 1
                    break
                }
            }
        }
        try write(Data((rows.joined(separator: "\n") + "\n").utf8), folder.appendingPathComponent("labels.csv"))
        return made
    }

    private func write(_ data: Data, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
