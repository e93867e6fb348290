/// NumPy-style broadcasting of two shapes: axes are aligned from the right, and an axis of
/// extent 1 (or a missing one) stretches to the other operand's extent.
struct Broadcast {
    let shape: [Int]
    /// Element strides of each operand over `shape` (0 on stretched axes).
    let stridesA: [Int]
    let stridesB: [Int]

    init?(_ a: [Int], _ b: [Int]) {
        let rank = max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var shape = [Int](repeating: 0, count: rank)
        for i in 0..<rank {
            guard pa[i] == pb[i] || pa[i] == 1 || pb[i] == 1 else { return nil }
            shape[i] = pa[i] == 1 ? pb[i] : pa[i]
        }
        self.shape = shape
        stridesA = Broadcast.strides(pa, over: shape)
        stridesB = Broadcast.strides(pb, over: shape)
    }

    private static func strides(_ padded: [Int], over shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = padded[i] == 1 && shape[i] != 1 ? 0 : s
            s *= padded[i]
        }
        return strides
    }

    /// Calls `body(outputOffset, offsetA, offsetB, length, innerStrideA, innerStrideB)` for each
    /// run of the innermost axis, in row-major order.
    func forEachRun(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let rank = shape.count
        if rank == 0 { body(0, 0, 0, 1, 0, 0); return }
        let inner = shape[rank - 1]
        let outer = shape.dropLast().reduce(1, *)
        if inner == 0 || outer == 0 { return }
        var index = [Int](repeating: 0, count: rank - 1)
        var offA = 0, offB = 0
        for run in 0..<outer {
            body(run * inner, offA, offB, inner, stridesA[rank - 1], stridesB[rank - 1])
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offA += stridesA[axis]
                offB += stridesB[axis]
                if index[axis] < shape[axis] { break }
                offA -= stridesA[axis] * shape[axis]
                offB -= stridesB[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
