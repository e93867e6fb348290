/// Why a model, its tokenizer or an input could not be built, loaded or used.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A configuration whose sizes do not fit together.
    case invalidConfiguration(String)
    /// A file of the model directory is absent.
    case missingFile(path: String)
    /// A file exists but cannot be read or decoded.
    case unreadableFile(path: String, reason: String)
    /// A file cannot be written.
    case cannotWrite(path: String, reason: String)
    /// The tokenizer and the configuration disagree on the vocabulary size.
    case vocabularyMismatch(configuration: Int, tokenizer: Int)
    /// A word that is not in the closed vocabulary (and is not a number).
    case unknownWord(String)
    /// A token id outside the vocabulary.
    case unknownToken(Int)
    /// A tokenizer vocabulary that lists a token twice or lacks a special token.
    case invalidVocabulary(String)
    /// An input whose size does not match the model (image, prompt or answer).
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(reason): return "invalid model configuration: \(reason)"
        case let .missingFile(path): return "model file \(path) does not exist"
        case let .unreadableFile(path, reason): return "cannot read \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .vocabularyMismatch(configuration, tokenizer):
            return "the configuration expects \(configuration) tokens but the tokenizer has \(tokenizer)"
        case let .unknownWord(word): return "'\(word)' is not in the model's vocabulary"
        case let .unknownToken(id): return "token id \(id) is outside the vocabulary"
        case let .invalidVocabulary(reason): return "invalid tokenizer vocabulary: \(reason)"
        case let .invalidInput(reason): return "invalid model input: \(reason)"
        }
    }
}
