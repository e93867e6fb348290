/// How `RGBImage.resized` computes an output pixel.
public enum ResizeMethod: Sendable {
    /// The exact mean of the source area under the output pixel (a box filter over the pixel
    /// footprint, fractional coverage at its edges). Handles any ratio; the right filter for shrinking.
    case area
    /// Bilinear interpolation at the output pixel centre, half-pixel aligned
    /// (`src = (dst + 0.5) * in / out - 0.5`, clamped at the border), as OpenCV's INTER_LINEAR.
    case bilinear
}
