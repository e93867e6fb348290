/// The order of the vision encoder's patch tokens and the flattening of each patch.
///
/// Patches are listed block by block: the `shuffle x shuffle` patches of one projector block are
/// consecutive (row-major inside the block, blocks row-major over the image). The encoder's full
/// attention does not care about order, and with this one the projector's pixel shuffle, which
/// concatenates the channels of each block's patches, is a plain reshape of `[B, N, C]` to
/// `[B, N / shuffle^2, shuffle^2 * C]`.
///
/// A patch is flattened channel-major, `(channel, y, x)`, the layout of a convolution weight
/// `[C, 3, P, P]`: the patch embedding is a stride-`P` convolution.
public struct PatchLayout: Sendable {
    public let imageSize: Int
    public let patchSize: Int
    public let shuffle: Int
    /// Grid row and column of each token, in token order.
    public let rows: [Int]
    public let columns: [Int]

    public init(imageSize: Int, patchSize: Int, shuffle: Int) {
        precondition(patchSize > 0 && shuffle > 0 && imageSize % patchSize == 0 && (imageSize / patchSize) % shuffle == 0,
                     "PatchLayout: \(patchSize)-pixel patches in \(shuffle) x \(shuffle) blocks do not tile a \(imageSize)-pixel image")
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.shuffle = shuffle
        let grid = imageSize / patchSize, blocksPerRow = grid / shuffle
        var rows: [Int] = [], columns: [Int] = []
        for token in 0..<(grid * grid) {
            let block = token / (shuffle * shuffle), inside = token % (shuffle * shuffle)
            rows.append((block / blocksPerRow) * shuffle + inside / shuffle)
            columns.append((block % blocksPerRow) * shuffle + inside % shuffle)
        }
        self.rows = rows
        self.columns = columns
    }

    public var patchCount: Int { rows.count }
    public var patchDimension: Int { 3 * patchSize * patchSize }

    /// Flattened patches `[B, N, 3 P P]` (as floats) of `images`, `B` normalised CHW images of
    /// `3 x S x S` floats each, back to back.
    public func patches(of images: [Float], batch: Int) -> [Float] {
        let s = imageSize, p = patchSize, n = patchCount, d = patchDimension, plane = s * s
        precondition(images.count == batch * 3 * plane, "PatchLayout: \(images.count) floats are not \(batch) images of 3 x \(s) x \(s)")
        var out = [Float](repeating: 0, count: batch * n * d)
        images.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for b in 0..<batch {
                    for token in 0..<n {
                        let y0 = rows[token] * p, x0 = columns[token] * p
                        var o = (b * n + token) * d
                        for c in 0..<3 {
                            let channel = (b * 3 + c) * plane
                            for y in 0..<p {
                                let row = channel + (y0 + y) * s + x0
                                for x in 0..<p { dst[o + x] = src[row + x] }
                                o += p
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
