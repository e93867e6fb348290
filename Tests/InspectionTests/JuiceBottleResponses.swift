import Annotations
import Instruct
import Inspection
import Rules

/// Juice-bottle annotations built by hand (128 x 256, docs/annotations.md) and the responses the
/// chain-of-thought writer gives for them: what a perfectly trained model would write.
enum JuiceBottleResponses {
    static let bottle = Box(x0: 24, y0: 16, x1: 104, y1: 240)

    /// A bottle of red (cherry) juice at `fill`, labels in their zones, the given icon.
    static func annotation(fill: Double = 0.76, icon: String = "cherry") -> ImageAnnotation {
        let liquidTop = bottle.y1 - fill * bottle.height
        let parts = [
            Part(id: 0, cls: "bottle", box: bottle),
            Part(id: 1, cls: "liquid", box: Box(x0: 28, y0: liquidTop, x1: 100, y1: 238),
                 attributes: ["colour": "red", "fill": .number(fill)]),
            Part(id: 2, cls: "top_label", box: Box(x0: 44, y0: 108, x1: 84, y1: 148)),
            Part(id: 3, cls: "fruit_icon", box: Box(x0: 56, y0: 120, x1: 72, y1: 136), attributes: ["fruit": .string(icon)]),
            Part(id: 4, cls: "bottom_label", box: Box(x0: 48, y0: 185, x1: 80, y1: 205)),
        ]
        return ImageAnnotation(category: "juice_bottle", split: "test", label: "good", image: "test/good/000.png",
                               width: 128, height: 256, defects: [], parts: parts)
    }

    static var plan: Plan { get throws { try RuleBook.bundled("juice_bottle").plan } }

    /// The full response for the annotation and the types the oracle finds in it.
    static func response(for annotation: ImageAnnotation) throws -> (text: String, types: [String]) {
        let plan = try plan
        let result = try Oracle(plan: plan).run(annotation)
        let cot = try CoTWriter(plan: plan).inspection(trail: result.trail, verdict: result.types,
                                                        width: annotation.width, height: annotation.height)
        return (cot.response, result.types)
    }

    /// The response split into tokens as the word tokenizer decodes them: words with their
    /// leading space, newlines on their own; every token gets `probability` unless overridden.
    static func trace(_ text: String, probability: Double = 0.9, overrides: [String: Double] = [:]) -> TokenTrace {
        var pieces: [String] = [], probabilities: [Double] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { pieces.append("\n"); probabilities.append(probability) }
            for (j, word) in line.split(separator: " ").enumerated() {
                pieces.append(j == 0 ? String(word) : " " + word)
                probabilities.append(overrides[String(word)] ?? probability)
            }
        }
        return TokenTrace(pieces: pieces, probabilities: probabilities)
    }
}
