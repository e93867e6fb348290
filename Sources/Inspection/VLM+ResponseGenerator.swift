import Imaging
import Model

extension VLM: ResponseGenerator {
    /// Greedy generation over the whole answer room the model has (its text length minus the
    /// prompt slot and the final `<eos>`), all images in one batch.
    public func respond(to images: [RGBImage], prompt: String) throws -> [TokenTrace] {
        let room = config.maxTextLength - config.promptLength - 1
        return try generate(images: images, prompts: [prompt], maxTokens: room).map(trace)
    }

    /// The tokens as the text pieces each adds to the decoded answer (a word with its leading
    /// space, a newline, a digit continuing a number), so that step lines map back to tokens.
    func trace(_ generated: GeneratedText) throws -> TokenTrace {
        var pieces: [String] = [], decoded = ""
        for end in generated.tokens.indices {
            let text = try tokenizer.decode(Array(generated.tokens[...end]))
            pieces.append(String(text.dropFirst(decoded.count)))
            decoded = text
        }
        return TokenTrace(pieces: pieces, probabilities: generated.probabilities.map(Double.init))
    }
}
