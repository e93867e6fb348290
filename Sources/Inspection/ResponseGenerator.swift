import Imaging

/// What writes the inspection response for images: the one call classification needs from a
/// vision-language model. `VLM` is the shipped implementation.
public protocol ResponseGenerator {
    /// The response to `prompt` for each image, as tokens with their probabilities, in order.
    func respond(to images: [RGBImage], prompt: String) throws -> [TokenTrace]
}
