/// 2-D convolution over `[B, C, H, W]` images as im2col + GEMM: each image's receptive fields
/// are unrolled into a `[Cin*KH*KW, Ho*Wo]` matrix (kept for backward), multiplied by the
/// `[Cout, Cin*KH*KW]` weight through OpenBLAS, and the input gradient is folded back (col2im).

/// Convolution: `x [B, Cin, H, W]`, `weight [Cout, Cin, KH, KW]`, `bias [Cout]` -> `[B, Cout, Ho, Wo]`
/// with `Ho = (H + 2 padding - KH) / stride + 1` (likewise `Wo`); zero padding.
public func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    require(x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[1],
            "conv2d: input \(describe(x.shape)) and weight \(describe(weight.shape)) must be [B, Cin, H, W] and [Cout, Cin, KH, KW]")
    require(stride >= 1 && padding >= 0, "conv2d: stride \(stride) must be >= 1 and padding \(padding) >= 0")
    let g = ConvolutionGeometry(input: x.shape, kernel: weight.shape, stride: stride, padding: padding)
    require(g.outputHeight >= 1 && g.outputWidth >= 1,
            "conv2d: kernel \(describe(weight.shape)) with stride \(stride) and padding \(padding) does not fit input \(describe(x.shape))")
    if let bias { require(bias.shape == [g.outputChannels], "conv2d: bias \(describe(bias.shape)) does not match weight \(describe(weight.shape))") }
    let rows = g.patchSize, columns = g.outputHeight * g.outputWidth
    let columnsStorage = Storage(count: g.batch * rows * columns)
    let cols = columnsStorage.pointer, xp = x.pointer
    parallelFor(g.batch * g.inputChannels, cost: g.kernelHeight * g.kernelWidth * columns) { i0, i1 in
        for i in i0..<i1 { g.im2col(xp, plane: i, into: cols) }
    }
    let out = Tensor(uninitialized: [g.batch, g.outputChannels, g.outputHeight, g.outputWidth])
    for b in 0..<g.batch {
        let y = out.pointer + b * g.outputChannels * columns
        if let bias { for o in 0..<g.outputChannels { (y + o * columns).update(repeating: bias.pointer[o], count: columns) } }
        gemm(transposeA: false, transposeB: false, m: g.outputChannels, n: columns, k: rows, weight.pointer, lda: rows,
             cols + b * rows * columns, ldb: columns, y, ldc: columns, accumulate: bias != nil)
    }
    out.recordBackward(bias.map { [x, weight, $0] } ?? [x, weight]) { out in
        let gy = out.gradPointer()
        if weight.requiresGrad {
            for b in 0..<g.batch {
                gemm(transposeA: false, transposeB: true, m: g.outputChannels, n: rows, k: columns, gy + b * g.outputChannels * columns, lda: columns,
                     cols + b * rows * columns, ldb: columns, weight.gradPointer(), ldc: rows, accumulate: true)
            }
        }
        if let bias, bias.requiresGrad {
            let gb = bias.gradPointer()
            for b in 0..<g.batch {
                for o in 0..<g.outputChannels { gb[o] += vectorSum(gy + (b * g.outputChannels + o) * columns, columns) }
            }
        }
        if x.requiresGrad {
            let scratch = Storage(count: rows * columns)
            let gx = x.gradPointer()
            for b in 0..<g.batch {
                gemm(transposeA: true, transposeB: false, m: rows, n: columns, k: g.outputChannels, weight.pointer, lda: rows,
                     gy + b * g.outputChannels * columns, ldb: columns, scratch.pointer, ldc: columns, accumulate: false)
                parallelFor(g.inputChannels, cost: g.kernelHeight * g.kernelWidth * columns) { c0, c1 in
                    for c in c0..<c1 { g.col2im(scratch.pointer, channel: c, into: gx + (b * g.inputChannels + c) * g.inputHeight * g.inputWidth) }
                }
            }
        }
        _ = columnsStorage
    }
    return out
}

/// Sizes of one convolution and the im2col / col2im index maps.
struct ConvolutionGeometry {
    let batch: Int, inputChannels: Int, inputHeight: Int, inputWidth: Int
    let outputChannels: Int, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int
    let outputHeight: Int, outputWidth: Int

    init(input: [Int], kernel: [Int], stride: Int, padding: Int) {
        batch = input[0]; inputChannels = input[1]; inputHeight = input[2]; inputWidth = input[3]
        outputChannels = kernel[0]; kernelHeight = kernel[2]; kernelWidth = kernel[3]
        self.stride = stride
        self.padding = padding
        outputHeight = (inputHeight + 2 * padding - kernelHeight) / stride + 1
        outputWidth = (inputWidth + 2 * padding - kernelWidth) / stride + 1
    }

    var patchSize: Int { inputChannels * kernelHeight * kernelWidth }

    /// Unrolls channel plane `plane` (= b * Cin + c) of `x` into its rows of image b's column matrix.
    func im2col(_ x: UnsafePointer<Float>, plane: Int, into cols: UnsafeMutablePointer<Float>) {
        let b = plane / inputChannels, c = plane % inputChannels
        let columns = outputHeight * outputWidth
        let source = x + plane * inputHeight * inputWidth
        for kh in 0..<kernelHeight {
            for kw in 0..<kernelWidth {
                let row = cols + b * patchSize * columns + ((c * kernelHeight + kh) * kernelWidth + kw) * columns
                for oy in 0..<outputHeight {
                    let iy = oy * stride - padding + kh
                    let out = row + oy * outputWidth
                    guard iy >= 0 && iy < inputHeight else { out.update(repeating: 0, count: outputWidth); continue }
                    let line = source + iy * inputWidth
                    for ox in 0..<outputWidth {
                        let ix = ox * stride - padding + kw
                        out[ox] = ix >= 0 && ix < inputWidth ? line[ix] : 0
                    }
                }
            }
        }
    }

    /// Adds channel `c`'s rows of one image's column-gradient matrix back into its input plane.
    func col2im(_ cols: UnsafePointer<Float>, channel c: Int, into plane: UnsafeMutablePointer<Float>) {
        let columns = outputHeight * outputWidth
        for kh in 0..<kernelHeight {
            for kw in 0..<kernelWidth {
                let row = cols + ((c * kernelHeight + kh) * kernelWidth + kw) * columns
                for oy in 0..<outputHeight {
                    let iy = oy * stride - padding + kh
                    guard iy >= 0 && iy < inputHeight else { continue }
                    for ox in 0..<outputWidth {
                        let ix = ox * stride - padding + kw
                        if ix >= 0 && ix < inputWidth { plane[iy * inputWidth + ix] += row[oy * outputWidth + ox] }
                    }
                }
            }
        }
    }
}
