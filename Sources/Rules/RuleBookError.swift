/// Why a rule-book was refused: the file, the line (1-based, 0 when unknown) and what is wrong.
public struct RuleBookError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

/// Errors of finding rule-books and running the oracle (not of a rule-book's content).
public enum RulesError: Error, CustomStringConvertible, Equatable, Sendable {
    case unknownCategory(String, known: [String])
    case unreadableRuleBook(String, String)
    case categoryMismatch(annotation: String, annotationCategory: String, ruleBookCategory: String)
    case unreadableDataset(String, String)
    case emptyDataset(String)

    public var description: String {
        switch self {
        case .unknownCategory(let c, let known):
            return "unknown category '\(c)'; known categories: \(known.joined(separator: ", "))"
        case .unreadableRuleBook(let path, let why):
            return "cannot read rule-book \(path): \(why)"
        case .categoryMismatch(let path, let a, let r):
            return "annotation \(path) is of category '\(a)' but the rule-book is for '\(r)'"
        case .unreadableDataset(let path, let why):
            return "cannot read dataset \(path): \(why)"
        case .emptyDataset(let path):
            return "no annotations found under \(path) (expected <category>/annotations/**/*.json)"
        }
    }
}
