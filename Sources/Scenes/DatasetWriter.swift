import Annotations
import Dispatch
import Foundation
import Imaging
import Randomness

/// Writes synthetic datasets in the MVTec LOCO layout, with an `annotations/` tree beside the
/// images (see docs/annotations.md). Images are rendered in parallel; each one draws from its own
/// generator stream `[category, split/label, index]`, so the output is byte-identical for a seed
/// whatever the number of workers or their scheduling.
public struct DatasetWriter: Sendable {
    public var root: URL
    public var plan: DatasetPlan
    /// Replace an existing non-empty category folder instead of refusing to write.
    public var overwrite: Bool
    public var workers: Int

    public init(root: URL, plan: DatasetPlan, overwrite: Bool = false,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.root = root; self.plan = plan; self.overwrite = overwrite; self.workers = max(1, workers)
    }

    /// The generator of one image, independent of every other image's.
    public static func generator(seed: UInt64, category: SceneCategory, job: DatasetPlan.Job) -> SeededGenerator {
        SeededGenerator(seed: seed, stream: [SeededGenerator.streamID(category.rawValue),
                                             SeededGenerator.streamID("\(job.split)/\(job.label)"), UInt64(job.index)])
    }

    /// Renders and writes `<root>/<category>/`; `progress(done, total)` is called after every
    /// image (from worker threads, one call at a time). Returns the number of images written.
    @discardableResult
    public func write(category: SceneCategory, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Int {
        guard (32...4096).contains(plan.longSide) else { throw SceneError.invalidSize(plan.longSide) }
        let folder = root.appendingPathComponent(category.rawValue)
        try prepare(folder)
        let jobs = plan.jobs(for: category)
        let folders = Set(jobs.flatMap { job -> [String] in
            let parent = (job.imagePath as NSString).deletingLastPathComponent
            let notes = (job.annotationPath as NSString).deletingLastPathComponent
            return job.defects.isNormal ? [parent, notes] : [parent, notes, job.maskFolder]
        })
        for f in folders.sorted() { try makeFolder(folder.appendingPathComponent(f)) }
        try Self.save(try category.defectsConfig.jsonData(), to: folder.appendingPathComponent("defects_config.json"))

        let state = SharedProgress(total: jobs.count, report: progress)
        let seed = plan.seed, longSide = plan.longSide
        DispatchQueue.concurrentPerform(iterations: min(workers, max(jobs.count, 1))) { _ in
            while let i = state.nextJob() {
                do {
                    try Self.writeOne(jobs[i], category: category, seed: seed, longSide: longSide, folder: folder)
                    state.finished()
                } catch {
                    state.fail(error)
                }
            }
        }
        if let error = state.error { throw error }
        return jobs.count
    }

    static func writeOne(_ job: DatasetPlan.Job, category: SceneCategory, seed: UInt64, longSide: Int, folder: URL) throws {
        var g = generator(seed: seed, category: category, job: job)
        var scene = try SceneRenderer.render(category: category, defects: job.defects.types, generator: &g, longSide: longSide)
        scene.annotation.split = job.split
        scene.annotation.image = job.imagePath
        try save(try PNGEncoder.encode(scene.image), to: folder.appendingPathComponent(job.imagePath))
        try save(try scene.annotation.jsonData(), to: folder.appendingPathComponent(job.annotationPath))
        for (i, mask) in scene.masks.enumerated() {
            let url = folder.appendingPathComponent(job.maskFolder).appendingPathComponent("\(DatasetPlan.Job.name(i)).png")
            try save(try PNGEncoder.encode(mask.image), to: url)
        }
    }

    /// Refuses a non-empty category folder unless `overwrite`, in which case only that folder is removed.
    func prepare(_ folder: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDir) else { return }
        if !isDir.boolValue { throw SceneError.writeFailed(folder.path, "exists and is not a folder") }
        let contents = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        guard !contents.isEmpty else { return }
        guard overwrite else { throw SceneError.outputNotEmpty(folder.path) }
        do { try fm.removeItem(at: folder) } catch { throw SceneError.writeFailed(folder.path, error.localizedDescription) }
    }

    func makeFolder(_ url: URL) throws {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw SceneError.writeFailed(url.path, error.localizedDescription)
        }
    }

    static func save(_ data: Data, to url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw SceneError.writeFailed(url.path, error.localizedDescription)
        }
    }
}

/// The job counter, progress count and first error shared by the workers.
private final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0, done = 0
    private(set) var error: Error?
    let total: Int
    let report: @Sendable (Int, Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) { self.total = total; self.report = report }

    /// The next job index, or nil when all are taken or a worker has failed.
    func nextJob() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, next < total else { return nil }
        next += 1
        return next - 1
    }

    func finished() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        report(done, total)
    }

    func fail(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
