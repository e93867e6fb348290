import ArgumentParser
import Dispatch
import Foundation
import Imaging
import Randomness
import Scenes

/// `logicls synth-bench` (hidden): measures scene rendering throughput per category, rendering
/// only and rendering plus PNG encoding of the image and masks, on all workers. Used by bench/render.
struct SynthBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth-bench", abstract: "Measure scene rendering throughput.", shouldDisplay: false)

    @Option(help: "A category, or 'all'.") var category: String = "all"
    @Option(help: "Images per category and measurement.") var images: Int = 400
    @Option(help: "Pixels on the long side.") var size: Int = SceneRenderer.defaultLongSide
    @Option(help: "Parallel workers.") var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard images >= 1 else { throw ValidationError("--images must be 1 or more, got \(images)") }
        guard (32...4096).contains(size) else { throw ValidationError("--size must be between 32 and 4096, got \(size)") }
        guard workers >= 1 else { throw ValidationError("--workers must be 1 or more, got \(workers)") }
    }

    func run() throws {
        print("size \(size) px, \(workers) workers, \(images) images per category (normal and every defect case in turn)")
        print("Wall-clock images/s on \(workers) worker(s), and CPU milliseconds per image (load-independent).")
        print("category               render img/s  render ms/img   render+png img/s  render+png ms/img")
        var totals = [0.0, 0.0, 0.0, 0.0]
        let categories: [SceneCategory]
        do {
            categories = category == "all" ? SceneCategory.allCases : [try SceneCategory(named: category)]
        } catch let e as SceneError { throw ValidationError(e.description + " (or 'all')") }
        for category in categories {
            let cases = [DefectCase.normal] + category.defectCases
            let render = try measure { i in
                var g = SeededGenerator(seed: 7, stream: [UInt64(i)])
                _ = try SceneRenderer.render(category: category, defects: cases[i % cases.count].types, generator: &g, longSide: size)
            }
            let png = try measure { i in
                var g = SeededGenerator(seed: 7, stream: [UInt64(i)])
                let scene = try SceneRenderer.render(category: category, defects: cases[i % cases.count].types, generator: &g, longSide: size)
                _ = try PNGEncoder.encode(scene.image)
                for m in scene.masks { _ = try PNGEncoder.encode(m.image) }
                _ = try scene.annotation.jsonData()
            }
            let values = [render.rate, render.cpuMilliseconds, png.rate, png.cpuMilliseconds]
            for i in totals.indices { totals[i] += values[i] }
            print(row(category.rawValue, values))
        }
        let n = Double(categories.count)
        print(row("mean", totals.map { $0 / n }))
    }

    func row(_ name: String, _ v: [Double]) -> String {
        name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "%12.1f %14.2f %18.1f %18.2f", v[0], v[1], v[2], v[3])
    }

    /// Images per second of `body` over `images` indices on `workers` threads, and the process
    /// CPU time per image (user + system), which other load on the machine does not inflate.
    func measure(_ body: @escaping @Sendable (Int) throws -> Void) throws -> (rate: Double, cpuMilliseconds: Double) {
        let counter = Counter()
        let cpuStart = cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = counter.next(below: images) {
                do { try body(i) } catch { counter.fail(error) }
            }
        }
        if let e = counter.error { throw e }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (Double(images) / wall, (cpuSeconds() - cpuStart) * 1000 / Double(images))
    }

    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

/// A shared job counter for the benchmark workers.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    private(set) var error: Error?

    func next(below n: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, value < n else { return nil }
        value += 1
        return value - 1
    }

    func fail(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}
