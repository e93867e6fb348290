import Foundation

/// A rule-book kept with a trained model. A model trained with `logicls train --rules FILE`
/// writes its chain-of-thought for that rule-book (the real juice_bottle photos use their own
/// zones and fill band), so the file is saved as `<model>/rulebooks/<category>.yaml` and
/// classifying with the model applies it instead of the shipped one.
public enum ModelRuleBook {
    public static let folderName = "rulebooks"

    /// Where the model in `model` keeps its rule-book of `category`.
    public static func url(model: URL, category: String) -> URL {
        model.appendingPathComponent(folderName).appendingPathComponent("\(category).yaml")
    }

    /// Copies the rule-book file `file` of `category` into the model folder `model`.
    public static func save(file: URL, category: String, model: URL) throws {
        let target = url(model: model, category: category)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contentsOf: file).write(to: target, options: .atomic)
    }

    /// The model's own rule-book of `category`, or nil when it has none (it uses the shipped one).
    /// A kept file of another category is an error, not silently another product's rules.
    public static func saved(model: URL?, category: String) throws -> RuleBook? {
        guard let model else { return nil }
        let file = url(model: model, category: category)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let book = try RuleBook.load(from: file)
        guard book.category == category else {
            throw RuleBookError(file: file.path, line: 0, message: "declares category '\(book.category)' but is kept as the model's \(category) rule-book")
        }
        return book
    }
}
