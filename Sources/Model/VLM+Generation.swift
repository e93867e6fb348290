import Foundation
import Imaging
import Randomness
import Tensor

/// Greedy decoding with a key/value cache: the image and the prompt run once (the prefix), then
/// each step feeds only the newest token, attending over the cached keys and values. Each token
/// is chosen by `greedyChoice`, with the location tokens as one group when
/// `groupsLocationTokens` is on.
extension VLM {
    /// Writes the answer to `prompt` for `image`, at most `maxTokens` tokens before `<eos>`.
    public func generate(image: RGBImage, prompt: String, maxTokens: Int) throws -> GeneratedText {
        try generate(images: [image], prompts: [prompt], maxTokens: maxTokens)[0]
    }

    /// `generate(image:prompt:maxTokens:)` for several images at once (one batch: faster per
    /// image). `prompts` holds one prompt per image, or a single prompt for all.
    public func generate(images: [RGBImage], prompts: [String], maxTokens: Int) throws -> [GeneratedText] {
        guard prompts.count == images.count || prompts.count == 1 else {
            throw ModelError.invalidInput("\(prompts.count) prompts for \(images.count) images (give one per image or one for all)")
        }
        let encoded = try prompts.map(tokenizer.encode)
        return try generate(pixels: images.map { config.preprocess($0).pixels },
                            prompts: encoded.count == 1 ? Array(repeating: encoded[0], count: images.count) : encoded,
                            maxTokens: maxTokens)
    }

    /// Greedy answers for preprocessed images (`VLMConfig.preprocess`) and tokenised prompts
    /// (without `<bos>`), one prompt per image, run as one batch.
    public func generate(pixels: [[Float]], prompts: [[Int]], maxTokens: Int) throws -> [GeneratedText] {
        let b = pixels.count
        guard b > 0 else { return [] }
        guard prompts.count == b else { throw ModelError.invalidInput("\(prompts.count) prompts for \(b) images") }
        guard maxTokens >= 0 else { throw ModelError.invalidInput("maxTokens must not be negative, got \(maxTokens)") }
        for (index, image) in pixels.enumerated() where image.count != config.pixelCount {
            throw ModelError.invalidInput("image \(index) has \(image.count) floats, expected \(config.pixelCountDescription)")
        }
        var text: [Int] = []
        for prompt in prompts {
            guard prompt.count < config.promptLength else {
                throw ModelError.invalidInput("a prompt of \(prompt.count) tokens does not fit the \(config.promptLength)-token prompt slot with <bos>")
            }
            if let bad = prompt.first(where: { !(0..<tokenizer.count).contains($0) }) { throw ModelError.unknownToken(bad) }
            text += [tokenizer.bosID] + prompt + Array(repeating: tokenizer.padID, count: config.promptLength - 1 - prompt.count)
        }
        // One step per token, plus one that may only end the answer; the answer and its <eos>
        // fit the text positions after the prompt slot.
        let steps = min(maxTokens, config.maxTextLength - config.promptLength - 1) + 1
        return try withoutGradients { try decodeGreedily(pixels: pixels.flatMap { $0 }, promptSlots: text, batch: b, steps: steps) }
    }

    private func decodeGreedily(pixels: [Float], promptSlots: [Int], batch b: Int, steps: Int) throws -> [GeneratedText] {
        var noDropout: SeededGenerator? = nil
        let mask = AttentionMask.prefix(config.prefixLength)
        let caches = (0..<config.decoderLayers).map { _ in
            KVCache(batch: b, capacity: config.prefixLength + steps, channels: config.decoderWidth)
        }
        let image = encodeImages(pixels, batch: b, generator: &noDropout)
        let prefix = decoder.embedSequence(image: image, text: promptSlots, textLength: config.promptLength)
        let last = config.prefixLength - 1
        var hidden = decoder(prefix, mask: mask, caches: caches, generator: &noDropout).sliced(axis: 1, range: last..<(last + 1))

        var tokens = [[Int]](repeating: [], count: b)
        var probabilities = [[Float]](repeating: [], count: b)
        var endProbabilities = [Float?](repeating: nil, count: b)
        for step in 0..<steps {
            let logits = decoder.logits(hidden)
            var next = [Int](repeating: tokenizer.padID, count: b)
            for bi in 0..<b where endProbabilities[bi] == nil {
                let row = UnsafeBufferPointer(start: logits.data.baseAddress! + bi * config.vocabularySize, count: config.vocabularySize)
                let (token, probability) = greedyChoice(row, locations: groupsLocationTokens ? tokenizer.locationIDs : nil)
                if token == tokenizer.eosID {
                    endProbabilities[bi] = probability
                } else if step < steps - 1 {
                    tokens[bi].append(token)
                    probabilities[bi].append(probability)
                    next[bi] = token
                }
            }
            if step == steps - 1 || endProbabilities.allSatisfy({ $0 != nil }) { break }
            let x = decoder.embedStep(tokens: next, position: config.prefixLength + step)
            hidden = decoder(x, mask: mask, caches: caches, generator: &noDropout)
        }
        return try (0..<b).map { bi in
            GeneratedText(tokens: tokens[bi], text: try tokenizer.decode(tokens[bi]), probabilities: probabilities[bi],
                          finished: endProbabilities[bi] != nil, endProbability: endProbabilities[bi])
        }
    }
}

/// The greedy choice of a logit row and the chosen token's softmax probability (first index on
/// ties). Without `locations` it is the most likely token. With them it is made in two levels:
/// a box coordinate is one quantity spread over the location bins, so when the location tokens
/// together are more likely than the most likely other token, the choice is the most likely
/// location; otherwise it is that other token. A plain argmax skips a box whose probability is
/// spread over 64 bins in favour of one word: a model that sees two nuts and would box them writes
/// `count nuts = 0`, the only way the steps it learned go on without boxes.
public func greedyChoice(_ row: UnsafeBufferPointer<Float>, locations: Range<Int>?) -> (token: Int, probability: Float) {
    precondition(!row.isEmpty, "greedyChoice: an empty logit row")
    let group = locations?.clamped(to: row.indices) ?? 0..<0
    var bestLocation: Int?, bestOther: Int?
    for j in row.indices {
        if group.contains(j) {
            if bestLocation.map({ row[j] > row[$0] }) ?? true { bestLocation = j }
        } else if bestOther.map({ row[j] > row[$0] }) ?? true {
            bestOther = j
        }
    }
    let token: Int
    if let location = bestLocation, let other = bestOther {
        // Compared unnormalised: both sides share the softmax denominator.
        let maximum = row.max()!
        let locationMass = group.reduce(0.0) { $0 + Foundation.exp(Double(row[$1] - maximum)) }
        token = locationMass > Foundation.exp(Double(row[other] - maximum)) ? location : other
    } else {
        token = bestLocation ?? bestOther!
    }
    return (token, Foundation.exp(-negativeLogLikelihood(row.baseAddress!, count: row.count, target: token)))
}
