/// The 1-D weights of a separable resize along one axis: output index `o` reads `taps` consecutive
/// source indices from `start[o]`, with weights `weight[o * taps ..< (o + 1) * taps]` (summing to 1).
struct ResampleWeights {
    let taps: Int
    let start: [Int]
    let weight: [Float]

    init(method: ResizeMethod, from source: Int, to target: Int) {
        switch method {
        case .area: self = Self.area(from: source, to: target)
        case .bilinear: self = Self.bilinear(from: source, to: target)
        }
    }

    /// Output pixel `o` covers `[o * r, (o + 1) * r)` of the source axis, `r = source / target`;
    /// each source pixel weighs the length of its overlap with that interval, divided by `r`.
    private static func area(from source: Int, to target: Int) -> ResampleWeights {
        let ratio = Double(source) / Double(target)
        var spans: [(Int, [Double])] = []
        for o in 0..<target {
            let lo = Double(o) * ratio, hi = min(Double(o + 1) * ratio, Double(source))
            let first = Int(lo.rounded(.down)), last = min(Int(hi.rounded(.up)) - 1, source - 1)
            var w: [Double] = []
            for s in first...max(first, last) {
                let overlap = min(hi, Double(s + 1)) - max(lo, Double(s))
                w.append(max(0, overlap) / (hi - lo))
            }
            spans.append((first, w))
        }
        return ResampleWeights(spans: spans)
    }

    private static func bilinear(from source: Int, to target: Int) -> ResampleWeights {
        let ratio = Double(source) / Double(target)
        var spans: [(Int, [Double])] = []
        for o in 0..<target {
            let x = min(max((Double(o) + 0.5) * ratio - 0.5, 0), Double(source - 1))
            let left = min(Int(x.rounded(.down)), max(source - 2, 0))
            let t = x - Double(left)
            spans.append(source == 1 ? (0, [1]) : (left, [1 - t, t]))
        }
        return ResampleWeights(spans: spans)
    }

    /// Pads every span to the widest one with zero weights (shifting its start back where it
    /// would run past the end), so the kernel loops have a fixed tap count.
    private init(spans: [(Int, [Double])]) {
        let taps = spans.map { $0.1.count }.max() ?? 1
        let sourceEnd = spans.map { $0.0 + $0.1.count }.max() ?? 1
        var start: [Int] = [], weight: [Float] = []
        for (first, w) in spans {
            var s = first, padded = w
            while padded.count < taps {
                if s + padded.count < sourceEnd { padded.append(0) } else { s -= 1; padded.insert(0, at: 0) }
            }
            start.append(s)
            weight += padded.map(Float.init)
        }
        self.taps = taps; self.start = start; self.weight = weight
    }
}
