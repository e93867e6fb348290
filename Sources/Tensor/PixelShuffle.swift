/// Depth-to-space and its inverse on `[B, C, H, W]`, as PyTorch's `pixel_shuffle` and
/// `pixel_unshuffle`: a reshape, a permute and a reshape, so the gradient comes from those ops.

/// `[B, C*r*r, H, W] -> [B, C, H*r, W*r]`: output pixel `(h*r+i, w*r+j)` of channel `c` is input
/// channel `c*r*r + i*r + j` at `(h, w)`.
public func pixelShuffle(_ x: Tensor, factor r: Int) -> Tensor {
    require(x.rank == 4 && r >= 1 && x.shape[1] % (r * r) == 0,
            "pixelShuffle: input \(describe(x.shape)) needs [B, C*\(r)*\(r), H, W]")
    let b = x.shape[0], c = x.shape[1] / (r * r), h = x.shape[2], w = x.shape[3]
    return x.reshaped([b, c, r, r, h, w]).permuted([0, 1, 4, 2, 5, 3]).reshaped([b, c, h * r, w * r])
}

/// `[B, C, H*r, W*r] -> [B, C*r*r, H, W]`, the inverse of `pixelShuffle`.
public func pixelUnshuffle(_ x: Tensor, factor r: Int) -> Tensor {
    require(x.rank == 4 && r >= 1 && x.shape[2] % r == 0 && x.shape[3] % r == 0,
            "pixelUnshuffle: input \(describe(x.shape)) needs [B, C, H*\(r), W*\(r)]")
    let b = x.shape[0], c = x.shape[1], h = x.shape[2] / r, w = x.shape[3] / r
    return x.reshaped([b, c, h, r, w, r]).permuted([0, 1, 3, 5, 2, 4]).reshaped([b, c * r * r, h, w])
}
