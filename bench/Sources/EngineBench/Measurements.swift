import BenchBLAS
import Randomness
import Foundation
import Tensor

/// A field of /proc/self/status in MiB (VmRSS: resident now, VmHWM: peak resident).
func memoryMiB(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return .nan }
    return kib / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds (all threads of the process) spent in `body`: less disturbed than wall time when
/// other programs share the cores.
func cpuSeconds(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// Best-of-`repeats` seconds of `body` after one untimed call.
func bestTime(repeats: Int, _ body: () -> Void) -> Double {
    body()
    return (0..<repeats).map { _ in seconds(body) }.min()!
}

/// The rate of the engine's `linear` (forward and backward: three GEMMs plus bias work) against
/// raw OpenBLAS sgemm calls of exactly the same three products.
struct GEMMEfficiency {
    let rows: Int, inputs: Int, outputs: Int
    let engineGFLOPS: Double, sgemmGFLOPS: Double
    var ratio: Double { engineGFLOPS / sgemmGFLOPS }

    init(rows: Int, inputs: Int, outputs: Int, repeats: Int = 5) {
        self.rows = rows
        self.inputs = inputs
        self.outputs = outputs
        var g = SeededGenerator(seed: 11)
        let x = Tensor.randn([rows, inputs], generator: &g, requiresGrad: true)
        let w = Tensor.randn([outputs, inputs], generator: &g, requiresGrad: true)
        let b = Tensor(zeros: [outputs], requiresGrad: true)
        let flops = 3 * 2 * Double(rows * inputs * outputs)
        let seed = Tensor(repeating: 1, shape: [rows, outputs])
        let engine = bestTime(repeats: repeats) { linear(x, weight: w, bias: b).backward(gradient: seed) }
        let a = Tensor.randn([rows, inputs], generator: &g), wt = Tensor.randn([outputs, inputs], generator: &g)
        let c = Tensor(zeros: [rows, outputs]), gx = Tensor(zeros: [rows, inputs]), gw = Tensor(zeros: [outputs, inputs])
        let raw = bestTime(repeats: repeats) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs), 1,
                        a.data.baseAddress, Int32(inputs), wt.data.baseAddress, Int32(inputs), 0, c.data.baseAddress, Int32(outputs))
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(inputs), Int32(outputs), 1,
                        c.data.baseAddress, Int32(outputs), wt.data.baseAddress, Int32(inputs), 1, gx.data.baseAddress, Int32(inputs))
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(outputs), Int32(inputs), Int32(rows), 1,
                        c.data.baseAddress, Int32(outputs), a.data.baseAddress, Int32(inputs), 1, gw.data.baseAddress, Int32(inputs))
        }
        engineGFLOPS = flops / engine / 1e9
        sgemmGFLOPS = flops / raw / 1e9
    }
}
