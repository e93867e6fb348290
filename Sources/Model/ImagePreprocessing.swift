import Imaging

/// An image ready for the model, with the letterbox that maps canvas coordinates (and so the
/// model's location tokens) back to the original image.
public struct PreparedImage: Sendable {
    /// `3 x inputHeight x inputWidth` normalised floats, CHW.
    public let pixels: [Float]
    public let letterbox: Letterbox
}

extension VLMConfig {
    /// Grey (128) borders: close to the normalisation mean, so padding reads as "nothing".
    public static let letterboxFill: UInt8 = 128

    /// Letterboxes `image` to `inputWidth x inputHeight` (area resampling, grey borders) and
    /// normalises it: the one preprocessing used for training and for inference.
    public func preprocess(_ image: RGBImage) -> PreparedImage {
        let box = image.rgb().letterboxed(width: inputWidth, height: inputHeight, method: .area, value: VLMConfig.letterboxFill)
        return PreparedImage(pixels: box.image.normalizedCHW(mean: imageMean, std: imageStd), letterbox: box)
    }
}
