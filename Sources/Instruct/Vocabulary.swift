import Rules

/// Every word a native chain-of-thought over the given rule-books can contain: template and
/// prompt words, the line break "\n", number words `0`...`255`, location words, and from each
/// rule-book its category, subquery ids and their spelled words, answer choices, part classes,
/// attribute values, size classes and defect type names. A tokenizer built from it is closed.
public struct Vocabulary: Hashable, Sendable {
    /// "\n" first, then the other words sorted; no duplicates.
    public let words: [String]
    private let set: Set<String>

    public init(ruleBooks: [RuleBook], locations: LocationTokens = LocationTokens()) {
        var w = Set<String>()
        w.formUnion([CoTWords.verdict, CoTWords.normal, CoTWords.absent, CoTWords.none, CoTWords.yes, CoTWords.no])
        for type in [AnswerType.count, .yesNo, .choice, .level, .boxes] {
            for t in StepTemplate.templates(for: type) { w.formUnion(t.literals) }
        }
        for t in StepTemplate.restating { w.formUnion(t.literals) }
        for p in StepTemplate.inspectionPrompts + StepTemplate.subqueryPrompts {
            w.formUnion(p.split(separator: " ").map(String.init).filter { $0 != "{c}" && $0 != "{s}" })
        }
        w.formUnion(NumberWords.all)
        w.formUnion(locations.words)
        for book in ruleBooks {
            let plan = book.plan
            w.insert(plan.category)
            w.formUnion(plan.types)
            for s in plan.subqueries {
                for form in SubjectForm.allCases { w.formUnion(form.words(s.id)) }
                w.formUnion(s.choices)
                w.formUnion(s.parts)
            }
            for part in book.parts {
                w.insert(part.name)
                for kind in part.attributes.values {
                    switch kind {
                    case .choice(let values): w.formUnion(values)
                    case .sizes(let scale): w.formUnion(scale.names)
                    case .number, .flag: break
                    }
                }
            }
        }
        w.remove(CoTWords.newline)
        words = [CoTWords.newline] + w.sorted()
        set = Set(words)
    }

    public var count: Int { words.count }

    public func contains(_ word: String) -> Bool { set.contains(word) }

    /// The words of `text` (split as `CoTText.words`) that are not in the vocabulary.
    public func unknownWords(in text: String) -> [String] { CoTText.words(text).filter { !set.contains($0) } }
}
