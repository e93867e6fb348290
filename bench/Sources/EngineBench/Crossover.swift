import BenchBLAS
import Randomness
import Tensor

/// Where matrix-vector products stop paying: for `rows` input rows of a dense layer
/// `[outputs, inputs]`, the time of one `sgemm` (which repacks the weights on every call)
/// against one `sgemv` per row, and the engine's `linear` forward, in microseconds.
struct Crossover {
    let rows: Int, inputs: Int, outputs: Int
    let sgemmMicroseconds: Double, sgemvMicroseconds: Double, linearMicroseconds: Double

    init(rows: Int, inputs: Int, outputs: Int, repeats: Int = 200) {
        self.rows = rows
        self.inputs = inputs
        self.outputs = outputs
        var g = SeededGenerator(seed: 3)
        let x = Tensor.randn([rows, inputs], generator: &g), w = Tensor.randn([outputs, inputs], generator: &g)
        let y = Tensor(zeros: [rows, outputs])
        let xp = x.data.baseAddress!, wp = w.data.baseAddress!, yp = y.data.baseAddress!
        func perCall(_ body: () -> Void) -> Double {
            1e6 * bestTime(repeats: 5) { for _ in 0..<repeats { body() } } / Double(repeats)
        }
        sgemmMicroseconds = perCall {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs), 1,
                        xp, Int32(inputs), wp, Int32(inputs), 0, yp, Int32(outputs))
        }
        sgemvMicroseconds = perCall {
            for r in 0..<rows {
                cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(outputs), Int32(inputs), 1, wp, Int32(inputs),
                            xp + r * inputs, 1, 0, yp + r * outputs, 1)
            }
        }
        linearMicroseconds = perCall { _ = withoutGradients { linear(x, weight: w) } }
    }
}
