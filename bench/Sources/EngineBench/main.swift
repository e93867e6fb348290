import Foundation
import Randomness
import Tensor

// engine-bench: the Swift side of bench/engine-vs-pytorch.
//
//   engine-bench export <file>            writes the initial weights and the data batches
//   engine-bench train <file> [options]   trains on them and prints "RESULT swift <key> <value>" lines
//     --steps N (timed steps, default 10)  --warmup N (default 2)  --threads N (default 2)
//     --gemm-only                          only the GEMM efficiency check

let usage = "usage: engine-bench export <file> | engine-bench train <file> [--steps N] [--warmup N] [--threads N] [--gemm-only]"
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2, ["export", "train"].contains(arguments[0]) else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
let file = URL(fileURLWithPath: arguments[1])
func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name) else { return fallback }
    guard i + 1 < arguments.count, let value = Int(arguments[i + 1]), value >= 0 else {
        FileHandle.standardError.write(Data("engine-bench: \(name) needs a non-negative integer\n\(usage)\n".utf8))
        exit(2)
    }
    return value
}
let config = BenchConfig()
let batchCount = 4

func result(_ key: String, _ value: String) { print("RESULT swift \(key) \(value)") }

if arguments[0] == "export" {
    let model = BenchVLM(config, seed: 2024)
    var tensors = model.parameters.mapKeys { "param." + $0 }
    var generator = SeededGenerator(seed: 77)
    for i in 0..<batchCount {
        let batch = BenchBatch(config, generator: &generator)
        tensors["data.\(i).images"] = batch.images
        tensors["data.\(i).tokens"] = Tensor(shape: [config.batch, config.textTokens], scalars: batch.tokens.map(Float.init))
    }
    do { try SafeTensors.save(tensors, to: file) } catch {
        FileHandle.standardError.write(Data("engine-bench: \(error)\n".utf8))
        exit(1)
    }
    print("exported \(model.parameterCount) parameters and \(batchCount) batches to \(file.path)")
    exit(0)
}

Engine.setThreadCount(option("--threads", 2))
let steps = option("--steps", 10), warmup = option("--warmup", 2)

// GEMM efficiency on the model's dense shapes (rows = decoder tokens per batch).
let rows = config.batch * config.sequence
for (inputs, outputs) in [(config.width, config.width), (config.width, 4 * config.width), (4 * config.width, config.width), (config.width, config.vocabulary)] {
    let check = GEMMEfficiency(rows: rows, inputs: inputs, outputs: outputs)
    result("gemm_\(rows)x\(inputs)x\(outputs)", String(format: "engine %.1f GFLOP/s, sgemm %.1f GFLOP/s, %.1f%%", check.engineGFLOPS, check.sgemmGFLOPS, 100 * check.ratio))
}
if arguments.contains("--gemm-only") { exit(0) }
if arguments.contains("--profile") {
    for (name, ms) in profileOps(config) { result("op_ms", String(format: "%8.2f  %@", ms, name)) }
    exit(0)
}

let loaded: [String: Tensor]
do { loaded = try SafeTensors.load(from: file) } catch {
    FileHandle.standardError.write(Data("engine-bench: \(error)\n".utf8))
    exit(1)
}
let model = BenchVLM(config, seed: 0)
do { try SafeTensors.load(from: file, into: model.parameters.mapKeys { "param." + $0 }.merging(loaded.filter { $0.key.hasPrefix("data.") }) { a, _ in a }) } catch {
    FileHandle.standardError.write(Data("engine-bench: \(error)\n".utf8))
    exit(1)
}
let batches = (0..<batchCount).map { i in
    BenchBatch(images: loaded["data.\(i).images"]!, tokens: loaded["data.\(i).tokens"]!.scalars.map { Int($0) }, config: config)
}
let optimizer = AdamW(decayed: model.decayed, notDecayed: model.notDecayed, weightDecay: 0.1, learningRate: 1e-3)
let schedule = WarmupCosineSchedule(peak: 1e-3, minimum: 1e-4, warmupSteps: 2, totalSteps: warmup + steps)
result("parameters", "\(model.parameterCount)")

var losses: [Float] = []
var rssAfterFirstStep = 0.0
func trainStep(_ step: Int) {
    let batch = batches[step % batchCount]
    let loss = model.loss(images: batch.images, tokens: batch.tokens, targets: batch.targets)
    optimizer.zeroGradients()
    loss.backward()
    clipGradientNorm(optimizer.parameters, maxNorm: 1)
    optimizer.learningRate = schedule(step)
    optimizer.step()
    losses.append(loss.item)
    if step == 0 { rssAfterFirstStep = memoryMiB("VmRSS") }
}
for step in 0..<warmup { trainStep(step) }
let allocationsBefore = BufferPool.shared.systemAllocations
let elapsed = seconds { for step in warmup..<(warmup + steps) { trainStep(step) } }
result("losses", losses.map { String(format: "%.5f", $0) }.joined(separator: ","))
result("samples_per_second", String(format: "%.2f", Double(steps * config.batch) / elapsed))
result("seconds_per_step", String(format: "%.4f", elapsed / Double(max(steps, 1))))
result("rss_after_first_step_mib", String(format: "%.1f", rssAfterFirstStep))
result("rss_end_mib", String(format: "%.1f", memoryMiB("VmRSS")))
result("peak_rss_mib", String(format: "%.1f", memoryMiB("VmHWM")))
result("pool_allocations_during_timed_steps", "\(BufferPool.shared.systemAllocations - allocationsBefore)")

extension Dictionary where Key == String {
    func mapKeys(_ transform: (String) -> String) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
