import Annotations
import Dataset
import Foundation
import Imaging
import Randomness
import Rules

/// Turns an annotated dataset in the LOCO layout into a training file: for every annotated image,
/// its full inspection (and optionally one sample per subquery), `augment` augmented copies, and
/// `violations` edited copies of each normal image; every label from the oracle.
///
/// Images the samples need that are not on disk (augmented or edited ones) are written as PNG into
/// `<out without extension>_images/`. Image paths in the output are absolute.
public struct InstructionExport {
    public var format: ExportFormat = .native
    /// Augmented copies per source image (0: the source only).
    public var augment = 0
    /// Edited (violation) copies per normal source image.
    public var violations = 0
    public var subquerySamples = false
    public var seed: UInt64 = 0
    public var policy = AugmentationPolicy()
    /// Only these splits (all when empty).
    public var splits: [LocoSplit] = []

    public init() {}

    /// Writes `out` from every category under `dataset`, with the rule-book `ruleBook(category)`.
    public func run(dataset: URL, out: URL, categories: [String]? = nil,
                    ruleBook: (String) throws -> RuleBook = { try RuleBook.bundled($0) }) throws -> ExportSummary {
        guard augment >= 0, violations >= 0 else {
            throw InstructError.invalidArgument("--augment and --violations must be >= 0, got \(augment) and \(violations)")
        }
        let names = try categories ?? LocoDataset.categories(in: dataset)
        guard !names.isEmpty else { throw InstructError.io(path: dataset.path, reason: "no category folder in the LOCO layout") }
        let images = URL(fileURLWithPath: out.deletingPathExtension().path + "_images")
        let writer = try LineWriter(out)
        var summary = ExportSummary()
        for category in names {
            let book = try ruleBook(category)
            let data = try LocoDataset(root: dataset, category: category)
            try export(data, book.plan, to: writer, images: images, summary: &summary)
        }
        try writer.close()
        return summary
    }

    private func export(_ data: LocoDataset, _ plan: Plan, to writer: LineWriter, images: URL,
                        summary: inout ExportSummary) throws {
        let synth = InstructionSynthesizer(plan: plan, style: format.style)
        let augmenter = Augmenter(plan: plan, policy: policy)
        let chosen = data.samples.filter { splits.isEmpty || splits.contains($0.split) }
        var sources: [(Sample, RGBImage, ImageAnnotation)] = []
        for s in chosen {
            guard var a = s.annotation else { summary.unannotated += 1; continue }
            a.image = s.path
            sources.append((s, try s.loadImage(), a))
        }
        let palette = violations > 0
            ? ColourPalette.measure(sources.filter { $0.2.defects.isEmpty }.map { ($0.1, $0.2) }, attributes: ["colour", "color"])
            : ColourPalette()
        let editor = ViolationSynthesizer(plan: plan, palette: palette)

        for (index, (sample, image, annotation)) in sources.enumerated() {
            summary.sourceImages += 1
            func stream(_ kind: UInt64, _ k: Int) -> SeededGenerator {
                SeededGenerator(seed: seed, stream: [SeededGenerator.streamID(plan.category), UInt64(index), kind, UInt64(k)])
            }
            var rng = stream(0, 0)
            try emit(.path(sample.imageURL.path), image.width, image.height, annotation, [], synth, writer, &summary, &rng)
            for k in 0..<augment {
                var r = stream(1, k)
                let aug = try augmenter.augment(image, annotation, using: &r)
                let url = try save(aug.image, images, plan.category, sample.path, "aug\(k)", &summary)
                try emit(.path(url.path), aug.image.width, aug.image.height, aug.annotation, aug.applied, synth, writer, &summary, &r)
            }
            guard annotation.defects.isEmpty else { continue }
            for k in 0..<violations {
                var r = stream(2, k)
                guard let edit = editor.randomEdit(annotation, using: &r),
                      let edited = try? editor.apply(edit, to: image, annotation) else { summary.failedEdits += 1; continue }
                let url = try save(edited.image, images, plan.category, sample.path, "edit\(k)", &summary)
                try emit(.path(url.path), edited.image.width, edited.image.height, edited.annotation, edited.applied,
                         synth, writer, &summary, &r)
            }
        }
    }

    private func emit(_ image: SampleImage, _ width: Int, _ height: Int, _ annotation: ImageAnnotation, _ applied: [String],
                      _ synth: InstructionSynthesizer, _ writer: LineWriter, _ summary: inout ExportSummary,
                      _ rng: inout SeededGenerator) throws {
        var samples = [try synth.inspection(image, width: width, height: height, annotation: annotation,
                                            augmentations: applied, using: &rng)]
        for t in samples[0].defects.isEmpty ? ["normal"] : samples[0].defects { summary.perDefect[t, default: 0] += 1 }
        if subquerySamples {
            samples += try synth.subquerySamples(image, width: width, height: height, annotation: annotation,
                                                 augmentations: applied, using: &rng)
        }
        for s in samples {
            for step in s.steps where !step.isVerdict {
                summary.perSubquery["\(s.category)/\(step.subquery)", default: 0] += 1
                if let type = synth.plan.subquery(step.subquery)?.answerType {
                    summary.perAnswerType[type.description, default: 0] += 1
                }
            }
            try writer.write(line(s))
            summary.samples += 1
        }
    }

    private func line(_ sample: InstructionSample) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch format {
        case .native:
            return try encoder.encode(sample)
        case .sharegpt:
            guard case .path(let p) = sample.image else {
                throw InstructError.invalidArgument("a ShareGPT record needs an image file")
            }
            return try encoder.encode(ShareGPTRecord(sample: sample, imagePath: p))
        }
    }

    /// Writes an augmented or edited image as `<images>/<category>/<source path with / as _>_<tag>.png`.
    private func save(_ image: RGBImage, _ folder: URL, _ category: String, _ source: String, _ tag: String,
                      _ summary: inout ExportSummary) throws -> URL {
        let dir = folder.appendingPathComponent(category)
        let name = (source as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "_") + "_\(tag).png"
        let url = dir.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try PNGEncoder.write(image, to: url)
        } catch {
            throw InstructError.io(path: url.path, reason: "cannot write image: \(error)")
        }
        summary.writtenImages += 1
        return url
    }
}
