import Foundation

/// A word-level tokenizer over a closed vocabulary: the special tokens, `locationBins` location
/// tokens `<loc_0>`, `<loc_1>`, ..., the digits `0`-`9` with their continuation forms `##0`-`##9`
/// (so that any whole number is spelled digit by digit), then the words of the rule-books and
/// templates. Saved as `tokenizer.json` beside the model.
///
/// Text is split at spaces and newlines; a newline (also `\r\n`) is a token of its own. Every
/// other piece must be a vocabulary word, a location token or a whole number. `decode(encode(text)) == text` for
/// text in canonical form: words separated by single spaces, no space next to a newline.
public struct Tokenizer: Equatable, Sendable {
    public static let pad = "<pad>"
    public static let bos = "<bos>"
    public static let eos = "<eos>"
    public static let unknown = "<unk>"
    public static let image = "<image>"
    public static let newline = "<nl>"
    /// The special tokens, in id order: they are always ids 0...5.
    public static let specialTokens = [pad, bos, eos, unknown, image, newline]
    /// Prefix of a piece that continues the previous one without a space (digits of a number).
    public static let continuation = "##"

    /// Every token, indexed by id.
    public let tokens: [String]
    /// Number of location bins per axis (`<loc_0>` ... `<loc_{bins-1}>`).
    public let locationBins: Int
    private let ids: [String: Int]

    /// A vocabulary of the special, location and digit tokens followed by `words` (duplicates
    /// and words already present are skipped, so the order of first appearance is kept; the word
    /// "\n" is the newline token). When every word of a text is in the vocabulary, the text has
    /// exactly one token per word, so word spans of a text are token spans of its encoding.
    public init(words: [String], locationBins: Int = 64) throws {
        guard locationBins > 0 else { throw ModelError.invalidVocabulary("locationBins must be positive, got \(locationBins)") }
        var list = Tokenizer.specialTokens
        list += (0..<locationBins).map(Tokenizer.locationToken)
        list += (0...9).map { String($0) } + (0...9).map { Tokenizer.continuation + String($0) }
        var seen = Set(list)
        for word in words where word != "\n" {
            guard !word.isEmpty, !word.contains(where: { $0.isWhitespace }) else {
                throw ModelError.invalidVocabulary("the word '\(word)' is empty or contains whitespace")
            }
            if seen.insert(word).inserted {
                guard !word.hasPrefix(Tokenizer.continuation) else {
                    throw ModelError.invalidVocabulary("'\(word)' starts with \(Tokenizer.continuation), which marks continuation digits")
                }
                list.append(word)
            }
        }
        try self.init(tokens: list, locationBins: locationBins)
    }

    /// A tokenizer with exactly these tokens (as read from `tokenizer.json`).
    public init(tokens: [String], locationBins: Int) throws {
        guard Array(tokens.prefix(Tokenizer.specialTokens.count)) == Tokenizer.specialTokens else {
            throw ModelError.invalidVocabulary("the first tokens must be \(Tokenizer.specialTokens)")
        }
        var ids: [String: Int] = [:]
        for (id, token) in tokens.enumerated() {
            guard ids.updateValue(id, forKey: token) == nil else { throw ModelError.invalidVocabulary("'\(token)' is listed twice") }
        }
        for required in (0..<locationBins).map(Tokenizer.locationToken) + (0...9).map({ String($0) }) + (0...9).map({ Tokenizer.continuation + String($0) })
        where ids[required] == nil {
            throw ModelError.invalidVocabulary("the token '\(required)' is missing")
        }
        self.tokens = tokens
        self.locationBins = locationBins
        self.ids = ids
    }

    /// Number of tokens.
    public var count: Int { tokens.count }

    // The ids of the special tokens (fixed: they come first in every vocabulary).
    public var padID: Int { 0 }
    public var bosID: Int { 1 }
    public var eosID: Int { 2 }
    public var unknownID: Int { 3 }
    public var imageID: Int { 4 }
    public var newlineID: Int { 5 }

    /// The id of `token`, or nil when it is not in the vocabulary.
    public func id(of token: String) -> Int? { ids[token] }

    /// The token with id `id`.
    public func token(_ id: Int) throws -> String {
        guard tokens.indices.contains(id) else { throw ModelError.unknownToken(id) }
        return tokens[id]
    }

    /// The location token of bin `bin`, e.g. `<loc_12>`.
    public static func locationToken(_ bin: Int) -> String { "<loc_\(bin)>" }

    /// The ids of the location tokens, which follow the special tokens.
    public var locationIDs: Range<Int> {
        let first = Tokenizer.specialTokens.count
        return first..<first + locationBins
    }

    /// The bin of a location token id, or nil when `id` is not a location token.
    public func locationBin(ofToken id: Int) -> Int? {
        locationIDs.contains(id) ? id - locationIDs.lowerBound : nil
    }

    /// The ids of `text`. Throws `ModelError.unknownWord` for a piece outside the vocabulary.
    public func encode(_ text: String) throws -> [Int] {
        var result: [Int] = []
        var word = ""
        func flush() throws {
            guard !word.isEmpty else { return }
            defer { word = "" }
            if let id = ids[word] { result.append(id); return }
            guard word.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw ModelError.unknownWord(word) }
            for (i, digit) in word.enumerated() {
                result.append(ids[(i == 0 ? "" : Tokenizer.continuation) + String(digit)]!)
            }
        }
        for character in text {
            if character.isNewline {
                try flush()
                result.append(newlineID)
            } else if character.isWhitespace {
                try flush()
            } else {
                word.append(character)
            }
        }
        try flush()
        return result
    }

    /// The text of `ids`; `<pad>`, `<bos>` and `<eos>` are left out.
    public func decode(_ ids: [Int]) throws -> String { try pieces(ids).joined() }

    /// The text each token adds, in order: `pieces(ids).joined() == decode(ids)`. A word carries
    /// the space before it, a newline is "\n", a continuation digit only its digit, and `<pad>`,
    /// `<bos>` and `<eos>` add "". Lets a caller find the characters of each generated token.
    public func pieces(_ ids: [Int]) throws -> [String] {
        var pieces: [String] = []
        pieces.reserveCapacity(ids.count)
        var atLineStart = true
        for id in ids {
            let token = try self.token(id)
            switch token {
            case Tokenizer.pad, Tokenizer.bos, Tokenizer.eos:
                pieces.append("")
            case Tokenizer.newline:
                pieces.append("\n")
                atLineStart = true
            default:
                if token.hasPrefix(Tokenizer.continuation) && token.count > Tokenizer.continuation.count {
                    pieces.append(String(token.dropFirst(Tokenizer.continuation.count)))
                } else {
                    pieces.append(atLineStart ? token : " " + token)
                }
                atLineStart = false
            }
        }
        return pieces
    }
}

extension Tokenizer: Codable {
    private enum CodingKeys: String, CodingKey { case tokens, locationBins }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(tokens: try container.decode([String].self, forKey: .tokens),
                      locationBins: try container.decode(Int.self, forKey: .locationBins))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(locationBins, forKey: .locationBins)
        try container.encode(tokens, forKey: .tokens)
    }
}
