import CBLAS
import Dispatch
import Foundation

/// Engine-wide settings: how many threads the kernels and OpenBLAS use.
public enum Engine {
    nonisolated(unsafe) private static var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Threads used by the non-GEMM kernels and by OpenBLAS.
    public static var threadCount: Int { threads }

    /// Sets the thread count of both the kernels and OpenBLAS. Results are bit-identical for a
    /// fixed seed and thread count; the non-GEMM kernels give the same bits for any count.
    public static func setThreadCount(_ count: Int) {
        require(count >= 1, "Engine.setThreadCount: thread count must be >= 1, got \(count)")
        threads = count
        openblas_set_num_threads(Int32(count))
    }
}

/// Runs `body(start, end)` over `0..<count`, split into one fixed contiguous chunk per thread.
///
/// Every index is handled by exactly one call with the same arithmetic whatever the split, so
/// results do not depend on the thread count. Small jobs (`count * cost` below a threshold) run
/// on the calling thread, where spawning would cost more than it saves.
@inline(__always)
func parallelFor(_ count: Int, cost: Int = 1, _ body: (Int, Int) -> Void) {
    parallelChunks(count, cost: cost) { _, start, end in body(start, end) }
}

/// How many chunks `parallelChunks` splits `count` items of `cost` into.
@inline(__always)
func chunkCount(_ count: Int, cost: Int) -> Int {
    let chunks = min(Engine.threadCount, count)
    return chunks <= 1 || count * cost < 32_768 ? 1 : chunks
}

/// `parallelFor` that also passes the chunk index (`0..<chunkCount(count, cost:)`), so callers
/// can hand each chunk scratch memory allocated before the split.
@inline(__always)
func parallelChunks(_ count: Int, cost: Int, _ body: (Int, Int, Int) -> Void) {
    let chunks = chunkCount(count, cost: cost)
    if chunks == 1 {
        if count > 0 { body(0, 0, count) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let start = count * chunk / chunks
        let end = count * (chunk + 1) / chunks
        if start < end { body(chunk, start, end) }
    }
}
