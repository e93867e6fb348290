/// Vectorisable float kernels used inside the op loops: plain arithmetic, no libm calls, so the
/// compiler turns whole loops into SIMD code.

/// e^x with a relative error below 2e-7 for x in [-87, 88] (Cephes-style range reduction and a
/// degree-6 polynomial); inputs are clamped to that range.
@inline(__always)
func fastExp(_ input: Float) -> Float {
    let x = min(max(input, -87.3), 88.3)
    let n = (x * 1.442_695_04).rounded(.toNearestOrEven)
    let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Float = 1.987_569_1e-4
    p = p * r + 1.398_199_9e-3
    p = p * r + 8.333_452e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 1.666_666_5e-1
    p = p * r + 5.000_000_1e-1
    p = p * r * r + r + 1
    // 2^n from the bits of n + 1.5 * 2^23, whose low mantissa bits hold n: wrapping integer
    // arithmetic, the same in the SIMD version below (a Float-to-Int conversion would trap on
    // overflow, which SIMD code cannot do).
    let biased = (n + 12_582_912).bitPattern &- 0x4B40_0000 &+ 127
    return p * Float(bitPattern: biased &<< 23)
}

/// `fastExp` of eight values with the same arithmetic lane by lane (the compiler does not
/// vectorise loops over the scalar version).
@inline(__always)
func fastExp(_ input: SIMD8<Float>) -> SIMD8<Float> {
    var x = input
    x.replace(with: SIMD8(repeating: -87.3), where: x .< -87.3)
    x.replace(with: SIMD8(repeating: 88.3), where: x .> 88.3)
    let n = (x * 1.442_695_04).rounded(.toNearestOrEven)
    let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p = SIMD8<Float>(repeating: 1.987_569_1e-4)
    p = p * r + 1.398_199_9e-3
    p = p * r + 8.333_452e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 1.666_666_5e-1
    p = p * r + 5.000_000_1e-1
    p = p * r * r + r + 1
    let biased = unsafeBitCast(n + 12_582_912, to: SIMD8<UInt32>.self) &- 0x4B40_0000 &+ 127
    return p * unsafeBitCast(biased &<< 23, to: SIMD8<Float>.self)
}

/// `y[j] = e^(x[j] - shift)` for `j < n`, eight at a time (`x` and `y` may be the same buffer).
@inline(__always)
func shiftedExponentials(_ x: UnsafePointer<Float>, minus shift: Float, into y: UnsafeMutablePointer<Float>, _ n: Int) {
    var j = 0
    while j + 8 <= n {
        let v = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(y + j).storeBytes(of: fastExp(v - shift), as: SIMD8<Float>.self)
        j += 8
    }
    while j < n {
        y[j] = fastExp(x[j] - shift)
        j += 1
    }
}

/// tanh(x) as a rational function (odd degree-13 over even degree-6), accurate to a few ulp.
@inline(__always)
func fastTanh(_ input: Float) -> Float {
    let x = min(max(input, -7.905_311), 7.905_311)
    let x2 = x * x
    var p: Float = -2.760_768_5e-16
    p = p * x2 + 2.000_187_9e-13
    p = p * x2 - 8.604_671_5e-11
    p = p * x2 + 5.122_297_1e-8
    p = p * x2 + 1.485_722_4e-5
    p = p * x2 + 6.372_619_3e-4
    p = p * x2 + 4.893_524_6e-3
    p = p * x
    var q: Float = 1.198_258_4e-6
    q = q * x2 + 1.185_347_1e-4
    q = q * x2 + 2.268_434_6e-3
    q = q * x2 + 4.893_525_2e-3
    return p / q
}

/// Dot product of two float vectors with eight SIMD accumulators (Swift does not reassociate a
/// scalar float sum, so an explicit vector accumulator is what makes this fast). The SIMD code
/// uses `+=`/`*` and `replace(with:where:)`: `addProduct` and `pointwiseMax` do not compile to
/// vector instructions and are 10-30 times slower.
@inline(__always)
func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>()
    var i = 0
    while i + 8 <= n {
        let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
        let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
        acc += va * vb
        i += 8
    }
    var total = acc.sum()
    while i < n { total += a[i] * b[i]; i += 1 }
    return total
}

/// y += alpha * x over n floats.
@inline(__always)
func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    for i in 0..<n { y[i] += alpha * x[i] }
}

/// Sum of n floats with SIMD accumulators.
@inline(__always)
func vectorSum(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>()
    var i = 0
    while i + 8 <= n {
        acc += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
        i += 8
    }
    var total = acc.sum()
    while i < n { total += a[i]; i += 1 }
    return total
}

/// Sum of a[i] * b[i] * c[i] over n floats.
@inline(__always)
func dot3(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>()
    var i = 0
    while i + 8 <= n {
        let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
        let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
        let vc = UnsafeRawPointer(c + i).loadUnaligned(as: SIMD8<Float>.self)
        acc += va * vb * vc
        i += 8
    }
    var total = acc.sum()
    while i < n { total += a[i] * b[i] * c[i]; i += 1 }
    return total
}

/// Largest of n >= 1 floats.
@inline(__always)
func vectorMax(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
    var i = 0
    var best: Float = -.infinity
    if n >= 8 {
        var acc = UnsafeRawPointer(a).loadUnaligned(as: SIMD8<Float>.self)
        i = 8
        while i + 8 <= n {
            let v = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            acc.replace(with: v, where: v .> acc)
            i += 8
        }
        best = acc.max()
    }
    while i < n { best = max(best, a[i]); i += 1 }
    return best
}
