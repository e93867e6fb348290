import Foundation
import Model
import Randomness
import Tensor

// engine-bench: the Swift side of bench/engine-vs-pytorch, and inference measurements.
//
//   engine-bench export <dir>              writes the initial model (model directory) and the
//                                          training batches (<dir>/data.safetensors)
//   engine-bench train <dir> [options]     trains on them, prints "RESULT swift <key> <value>" lines
//     --steps N (timed steps, default 10)  --warmup N (default 2)  --threads N (default 2)
//     --gemm-only                          only the GEMM efficiency check
//     --profile                            CPU time of each op at the model's shapes
//   engine-bench crossover [--threads N]   sgemm vs per-row sgemv vs linear for few input rows
//   engine-bench generate [--threads N] [--tokens N] [--images N] [--batch N]
//                                          greedy generation: ms per image alone, images/s batched

let usage = """
    usage: engine-bench export <dir> | engine-bench train <dir> [--steps N] [--warmup N] [--threads N] [--gemm-only] [--profile]
           engine-bench crossover [--threads N] | engine-bench generate [--threads N] [--tokens N] [--images N] [--batch N]
    """
let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("engine-bench: \(message)\n".utf8))
    exit(1)
}

func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name) else { return fallback }
    guard i + 1 < arguments.count, let value = Int(arguments[i + 1]), value >= 0 else {
        FileHandle.standardError.write(Data("engine-bench: \(name) needs a non-negative integer\n\(usage)\n".utf8))
        exit(2)
    }
    return value
}

func result(_ key: String, _ value: String) { print("RESULT swift \(key) \(value)") }

let command = arguments.first ?? ""
let needsDirectory = ["export", "train"].contains(command)
guard ["export", "train", "crossover", "generate"].contains(command), !needsDirectory || arguments.count >= 2 else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
Engine.setThreadCount(max(1, option("--threads", 2)))

switch command {
case "export":
    let directory = URL(fileURLWithPath: arguments[1])
    do {
        let tokenizer = try BenchSetup.tokenizer()
        let model = try VLM(config: BenchSetup.config, tokenizer: tokenizer, seed: BenchSetup.modelSeed)
        try model.save(to: directory)
        var tensors: [String: Tensor] = [:]
        for (i, batch) in try BenchSetup.batches(tokenizer: tokenizer).enumerated() {
            let config = BenchSetup.config
            tensors["\(i).images"] = Tensor(shape: [batch.size, 3, config.inputHeight, config.inputWidth], scalars: batch.images)
            tensors["\(i).tokens"] = Tensor(shape: [batch.size, batch.textLength], scalars: batch.tokens.map(Float.init))
            tensors["\(i).weights"] = Tensor(shape: [batch.size, batch.textLength], scalars: batch.lossWeights)
        }
        let decayed = model.parameters.names.filter { model.parameters.decays($0) == true }
        try SafeTensors.save(tensors, to: directory.appendingPathComponent("data.safetensors"),
                             metadata: ["decayed": decayed.joined(separator: ",")])
        print("exported \(model.parameterCount) parameters and \(BenchSetup.batchCount) batches to \(directory.path)")
    } catch { fail("\(error)") }

case "crossover":
    let config = BenchSetup.config
    let c = config.decoderWidth, hidden = config.mlpRatio * c
    print("rows  shape        sgemm_us  sgemv_us  linear_us")
    for (inputs, outputs) in [(c, c), (c, hidden), (hidden, c), (c, config.vocabularySize)] {
        for rows in [1, 2, 3, 4, 6, 8, 12, 16] {
            let m = Crossover(rows: rows, inputs: inputs, outputs: outputs)
            print(String(format: "%4d  %4dx%-4d  %9.2f %9.2f %10.2f", rows, inputs, outputs, m.sgemmMicroseconds, m.sgemvMicroseconds, m.linearMicroseconds))
        }
    }

case "generate":
    do {
        let bench = try GenerationBench(tokens: option("--tokens", 70), images: max(1, option("--images", 5)), batch: max(1, option("--batch", 32)))
        result("generate_ms_per_image", String(format: "%.1f (one image at a time, %d tokens)", bench.singleMillisecondsPerImage, bench.tokens))
        result("generate_images_per_second", String(format: "%.2f (batch %d, %d tokens)", bench.batchedImagesPerSecond, bench.batch, bench.tokens))
    } catch { fail("\(error)") }

default:  // train
    train(directory: URL(fileURLWithPath: arguments[1]))
}

func train(directory: URL) {
    let config = BenchSetup.config
    // GEMM efficiency on the model's dense shapes: decoder rows (batch x sequence) at the
    // decoder's layer widths and the tied head, encoder rows at the encoder's MLP.
    let decoderRows = BenchSetup.batch * (config.prefixLength + BenchSetup.answerTokens + 1)
    let encoderRows = BenchSetup.batch * config.patchCount
    let c = config.decoderWidth, cv = config.visionWidth, ratio = config.mlpRatio
    for (rows, inputs, outputs) in [(decoderRows, c, c), (decoderRows, c, ratio * c), (decoderRows, ratio * c, c),
                                    (decoderRows, c, config.vocabularySize), (encoderRows, cv, ratio * cv)] {
        let check = GEMMEfficiency(rows: rows, inputs: inputs, outputs: outputs)
        result("gemm_\(rows)x\(inputs)x\(outputs)", String(format: "engine %.1f GFLOP/s, sgemm %.1f GFLOP/s, %.1f%%", check.engineGFLOPS, check.sgemmGFLOPS, 100 * check.ratio))
    }
    if arguments.contains("--gemm-only") { return }
    if arguments.contains("--profile") {
        for (name, ms) in profileOps() { result("op_ms", String(format: "%8.2f  %@", ms, name)) }
        return
    }

    let model: VLM, batches: [VLMBatch]
    do {
        model = try VLM.load(directory: directory)
        guard model.config == config else { fail("\(directory.path) holds a model of another configuration than the benchmark's") }
        batches = try BenchSetup.batches(tokenizer: model.tokenizer)
    } catch { fail("\(error)") }
    let steps = option("--steps", 10), warmup = option("--warmup", 2)
    let (decayed, notDecayed) = model.parameterGroups
    let optimizer = AdamW(decayed: decayed, notDecayed: notDecayed, weightDecay: 0.1, learningRate: 1e-3)
    let schedule = WarmupCosineSchedule(peak: 1e-3, minimum: 1e-4, warmupSteps: 2, totalSteps: warmup + steps)
    result("parameters", "\(model.parameterCount)")

    var losses: [Float] = []
    var rssAfterFirstStep = 0.0
    func trainStep(_ step: Int) {
        let loss = model.loss(batches[step % batches.count]).loss
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
    result("samples_per_second", String(format: "%.2f", Double(steps * BenchSetup.batch) / elapsed))
    result("seconds_per_step", String(format: "%.4f", elapsed / Double(max(steps, 1))))
    result("rss_after_first_step_mib", String(format: "%.1f", rssAfterFirstStep))
    result("rss_end_mib", String(format: "%.1f", memoryMiB("VmRSS")))
    result("peak_rss_mib", String(format: "%.1f", memoryMiB("VmHWM")))
    result("pool_allocations_during_timed_steps", "\(BufferPool.shared.systemAllocations - allocationsBefore)")
}
