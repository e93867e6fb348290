/// Pointwise activations: GELU (tanh approximation, as in GPT-2 and PyTorch's
/// `gelu(approximate="tanh")`) and SiLU. Both run as plain vectorised loops over fast
/// polynomial tanh/exp, parallel over fixed chunks.
extension Tensor {
    /// GELU, tanh approximation: `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`.
    public func gelu() -> Tensor {
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        let s: Float = 0.797_884_56
        parallelFor(count, cost: 8) { i0, i1 in
            for i in i0..<i1 {
                let v = x[i]
                let t = fastTanh(s * (v + 0.044_715 * v * v * v))
                y[i] = 0.5 * v * (1 + t)
            }
        }
        out.recordBackward([self]) { [self] out in
            let g = out.gradPointer(), gx = gradPointer()
            parallelFor(count, cost: 8) { i0, i1 in
                for i in i0..<i1 {
                    let v = x[i]
                    let t = fastTanh(s * (v + 0.044_715 * v * v * v))
                    let dt = (1 - t * t) * s * (1 + 3 * 0.044_715 * v * v)
                    gx[i] += g[i] * (0.5 * (1 + t) + 0.5 * v * dt)
                }
            }
        }
        return out
    }

    /// SiLU (swish): `x * sigmoid(x)`.
    public func silu() -> Tensor {
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        parallelFor(count, cost: 8) { i0, i1 in
            for i in i0..<i1 { y[i] = x[i] / (1 + fastExp(-x[i])) }
        }
        out.recordBackward([self]) { [self] out in
            let g = out.gradPointer(), gx = gradPointer()
            parallelFor(count, cost: 8) { i0, i1 in
                for i in i0..<i1 {
                    let sigma = 1 / (1 + fastExp(-x[i]))
                    gx[i] += g[i] * sigma * (1 + x[i] * (1 - sigma))
                }
            }
        }
        return out
    }
}
