import ArgumentParser
import Foundation
import Rules

/// `logicls rules`: show a category's plan of subqueries, or check the oracle against a dataset's labels.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Rule-books: print a category's plan, or check the oracle against labelled annotations.",
        subcommands: [Plan.self, Check.self]
    )

    /// A shipped rule-book by category, or a rule-book file for a new product line.
    struct Source: ParsableArguments {
        @Option(name: .long, help: "Category of a shipped rule-book (\(RuleBook.bundledCategories.joined(separator: ", "))).")
        var category: String?

        @Option(name: .long, help: "A rule-book YAML file to use instead of the shipped one.")
        var rules: String?

        func load() throws -> RuleBook {
            if let rules {
                let book = try RuleBook.load(from: URL(fileURLWithPath: rules))
                if let category, category != book.category {
                    throw ValidationError("\(rules) is the rule-book of '\(book.category)', not '\(category)'")
                }
                return book
            }
            guard let category else { throw ValidationError("give --category or --rules") }
            return try RuleBook.bundled(category)
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the plan of subqueries and checks of a rule-book.")

        @OptionGroup var source: Source

        func run() throws {
            print(try source.load().plan.readableText)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the oracle over every annotated image and compare with its labelled defect types.",
            discussion: "Reads <dataset>/<category>/annotations/**/*.json. The last line is `oracle agreement: X.XXXX`, the fraction of images whose derived type set equals the labelled set."
        )

        @Option(name: .long, help: "Dataset root holding <category>/annotations/.")
        var dataset: String

        @OptionGroup var source: Source

        @Flag(name: .long, help: "Print the report as JSON (before the final agreement line).")
        var json = false

        func run() throws {
            let root = URL(fileURLWithPath: dataset)
            let report: AgreementReport
            if source.rules != nil {
                let book = try source.load()
                report = try AgreementReport.run(dataset: root, categories: [book.category]) { _ in book }
            } else {
                report = try AgreementReport.run(dataset: root, categories: source.category.map { [$0] },
                                                 ruleBook: RuleBook.bundled)
            }
            if json {
                print(try report.jsonText())
                print(report.agreementLine)
            } else {
                print(report.text)
            }
        }
    }
}
