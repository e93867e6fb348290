import Foundation
import Instruct
import Randomness

/// Samples read from a native JSONL file (`logicls instruct --format native`). Full inspections
/// are grouped by defect case and single-subquery samples by subquery; a unit's frequency is its
/// number of samples, so rare cases count as rare. A draw picks a sample of the unit uniformly.
public struct JSONLSource: TrainingSource {
    public let file: URL
    public let caseUnits: [String]
    public let caseFrequencies: [Double]
    public let subqueryUnits: [String]
    public let subqueryFrequencies: [Double]
    private let samples: [InstructionSample]
    private let caseMembers: [[Int]]
    private let subqueryMembers: [[Int]]
    private let images = ImageCache()

    /// Reads every line; a line that is not a sample throws an error naming the file and line.
    public init(file: URL) throws {
        self.file = file
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw TrainingError.invalidData("cannot read \(file.path): \(error.localizedDescription)")
        }
        var samples: [InstructionSample] = []
        let decoder = JSONDecoder()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            do {
                samples.append(try decoder.decode(InstructionSample.self, from: Data(line.utf8)))
            } catch {
                throw TrainingError.invalidData("\(file.path) line \(number + 1) is not a native instruction sample: \(error)")
            }
        }
        guard !samples.isEmpty else { throw TrainingError.invalidData("\(file.path) holds no sample") }
        self.samples = samples
        func group(_ key: (InstructionSample) -> String?) -> ([String], [[Int]]) {
            var members: [String: [Int]] = [:]
            for (i, s) in samples.enumerated() { if let k = key(s) { members[k, default: []].append(i) } }
            let units = members.keys.sorted()
            return (units, units.map { members[$0]! })
        }
        (caseUnits, caseMembers) = group { $0.subquery == nil ? TrainingUnit.caseUnit(category: $0.category, defects: $0.defects) : nil }
        (subqueryUnits, subqueryMembers) = group { s in s.subquery.map { TrainingUnit.subqueryUnit(category: s.category, subquery: $0) } }
        caseFrequencies = caseMembers.map { Double($0.count) }
        subqueryFrequencies = subqueryMembers.map { Double($0.count) }
        guard !caseUnits.isEmpty else { throw TrainingError.invalidData("\(file.path) holds no full inspection sample") }
    }

    public var imageFiles: [URL] {
        samples.compactMap { sample -> URL? in
            guard case .path(let path) = sample.image else { return nil }
            return imageURL(path)
        }
    }

    public func inspection(caseUnit: Int, seed: UInt64) throws -> DrawnSample {
        try draw(from: caseMembers[caseUnit], seed: seed)
    }

    public func subquerySample(subqueryUnit: Int, seed: UInt64) throws -> DrawnSample {
        try draw(from: subqueryMembers[subqueryUnit], seed: seed)
    }

    private func draw(from members: [Int], seed: UInt64) throws -> DrawnSample {
        var generator = SeededGenerator(seed: seed)
        let sample = samples[generator.pick(members)]
        switch sample.image {
        case .pixels(let image):
            return DrawnSample(sample: sample, image: image.rgb())
        case .path(let path):
            return DrawnSample(sample: sample, image: try images.image(at: imageURL(path)))
        }
    }

    /// A sample's image path, relative to the JSONL file's folder unless absolute.
    private func imageURL(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : file.deletingLastPathComponent().appendingPathComponent(path)
    }
}
