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
    /// Whether a token is preceded by a space depends only on the token before it, so each piece
    /// is what decoding the pair adds to decoding the previous token alone.
    func trace(_ generated: GeneratedText) throws -> TokenTrace {
        var pieces: [String] = []
        pieces.reserveCapacity(generated.tokens.count)
        var previous: (id: Int, text: String)?
        for id in generated.tokens {
            let text: String
            if let previous {
                text = String(try tokenizer.decode([previous.id, id]).dropFirst(previous.text.count))
            } else {
                text = try tokenizer.decode([id])
            }
            pieces.append(text)
            previous = (id, try tokenizer.decode([id]))
        }
        return TokenTrace(pieces: pieces, probabilities: generated.probabilities.map(Double.init))
    }
}
