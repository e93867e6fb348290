/// The channel layout a decoded image is delivered in.
public enum ColorMode: Sendable {
    /// Gray (1 channel) when the file stores no colour, else RGB (3 channels). Masks keep their values.
    case native
    /// Always 3 channels; gray files are replicated.
    case rgb
    /// Always 1 channel; colour files are converted with `RGBImage.grayscale()`.
    case gray
}
