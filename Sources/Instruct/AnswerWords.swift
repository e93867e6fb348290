import Foundation
import Annotations
import Rules

/// Writes answers and boxes as words in a style, and reads them back: the one place that knows
/// how a number, a level or a box looks in a chain-of-thought.
struct AnswerWords {
    let style: CoTStyle
    let locations: LocationTokens
    let width: Int
    let height: Int

    // MARK: writing

    func words(for box: Box) -> [String] {
        switch style {
        case .native: return locations.words(for: box, width: width, height: height)
        case .export: return [PixelBox.word(box)]
        }
    }

    func words(for boxes: [Box]) -> [String] { boxes.flatMap(words(for:)) }

    func words(for answer: Answer, of subquery: Subquery) throws -> [String] {
        switch answer {
        case .count(let n): return [try number(n, subquery: subquery.id)]
        case .yesNo(let b): return [b ? CoTWords.yes : CoTWords.no]
        case .choice(let c): return [c]
        case .level(let x):
            switch style {
            case .native: return [try number(Int((x / AnswerWords.step(of: subquery)).rounded()), subquery: subquery.id)]
            case .export: return [AttributeValue.number(x).description]
            }
        case .boxes(let bs): return bs.isEmpty ? [CoTWords.none] : words(for: bs)
        case .absent: return [CoTWords.absent]
        }
    }

    private func number(_ n: Int, subquery: String) throws -> String {
        if style == .export { return String(n) }
        guard let w = NumberWords.word(n) else {
            throw InstructError.numberOutOfVocabulary(subquery: subquery, value: n, limit: NumberWords.limit)
        }
        return w
    }

    /// The quantization step of a level subquery (1 for any other).
    static func step(of subquery: Subquery) -> Double {
        if case .level(_, _, _, let step) = subquery.observation, step > 0 { return step }
        return 1
    }

    // MARK: reading

    /// The number of box words at the start of `words` that form whole boxes, and the boxes;
    /// nil when the run of box words does not split into whole boxes.
    func leadingBoxes(_ words: ArraySlice<String>) -> (count: Int, boxes: [Box])? {
        switch style {
        case .native:
            let run = words.prefix { locations.index(of: $0) != nil }
            guard run.count % 4 == 0 else { return nil }
            var boxes: [Box] = []
            var i = run.startIndex
            while i < run.endIndex {
                boxes.append(locations.box(from: run[i..<i + 4], width: width, height: height)!)
                i += 4
            }
            return (run.count, boxes)
        case .export:
            let boxes = words.prefix { PixelBox.box(from: $0) != nil }.map { PixelBox.box(from: $0)! }
            return (boxes.count, boxes)
        }
    }

    /// Whether a word is a box word of this style (or part of one).
    func isBoxWord(_ word: String) -> Bool {
        style == .native ? locations.index(of: word) != nil : PixelBox.box(from: word) != nil
    }

    /// The answer one word gives to a subquery, nil when the word cannot answer it.
    func answer(from word: String, for subquery: Subquery) -> Answer? {
        if word == CoTWords.absent { return .absent }
        switch subquery.answerType {
        case .count:
            return integer(word).map(Answer.count)
        case .yesNo:
            return word == CoTWords.yes ? .yesNo(true) : word == CoTWords.no ? .yesNo(false) : nil
        case .choice:
            if subquery.choices.isEmpty { return isBoxWord(word) || word.isEmpty ? nil : .choice(word) }
            return subquery.choices.contains(word) ? .choice(word) : nil
        case .level:
            switch style {
            case .native: return integer(word).map { .level(AnswerWords.level(steps: $0, step: AnswerWords.step(of: subquery))) }
            case .export: return Double(word).map(Answer.level)
            }
        case .boxes:
            return word == CoTWords.none ? .boxes([]) : nil
        }
    }

    private func integer(_ word: String) -> Int? {
        style == .native ? NumberWords.value(of: word) : Int(word).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `steps` x `step`, divided by the integer 1/step when there is one, so that 76 steps of 0.01
    /// read back as exactly 0.76, the value the oracle writes.
    static func level(steps: Int, step: Double) -> Double {
        let inverse = (1 / step).rounded()
        if step < 1, abs(inverse * step - 1) < 1e-9 { return Double(steps) / inverse }
        return Double(steps) * step
    }
}

/// A box in pixel coordinates as one word of export text, `[x0, y0, x1, y1]` rounded to whole
/// pixels. Written with spaces after the commas; `CoTText.words` joins them back into one word.
enum PixelBox {
    static func word(_ box: Box) -> String {
        "[\(Int(box.x0.rounded())), \(Int(box.y0.rounded())), \(Int(box.x1.rounded())), \(Int(box.y1.rounded()))]"
    }

    static func box(from word: String) -> Box? {
        guard word.hasPrefix("["), word.hasSuffix("]") else { return nil }
        let parts = word.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else { return nil }
        let v = parts.compactMap { Double($0) }
        guard v.count == 4 else { return nil }
        return Box(x0: v[0], y0: v[1], x1: v[2], y1: v[3])
    }
}
