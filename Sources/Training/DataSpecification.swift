import Foundation
import Scenes

/// What `--data` names: endless renders, a native JSONL file, or a LOCO-layout folder with
/// annotations.
public enum DataSpecification: Equatable, Sendable, CustomStringConvertible {
    /// On-the-fly renders of these categories (all five for `render`).
    case render(categories: [String])
    /// Samples written by `logicls instruct --format native`.
    case jsonl(URL)
    /// A dataset root (category folders) or one category folder, with `annotations/`.
    case dataset(URL)

    /// Parses `render`, `render:<category,...>`, a `.jsonl` file or a folder.
    public init(_ argument: String) throws {
        if argument == "render" {
            self = .render(categories: SceneCategory.allCases.map(\.rawValue))
            return
        }
        if argument.hasPrefix("render:") {
            let names = argument.dropFirst("render:".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else {
                throw TrainingError.invalidData("'\(argument)' names no category; use render:<category,...>")
            }
            for name in names {
                do { _ = try SceneCategory(named: name) } catch {
                    throw TrainingError.invalidData("unknown category '\(name)' in '\(argument)' (known: \(SceneCategory.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            guard Set(names).count == names.count else { throw TrainingError.invalidData("'\(argument)' names a category twice") }
            self = .render(categories: names)
            return
        }
        let url = URL(fileURLWithPath: argument)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw TrainingError.invalidData("'\(argument)' is neither render, render:<category,...>, nor an existing file or folder")
        }
        self = isFolder.boolValue ? .dataset(url) : .jsonl(url)
    }

    public var description: String {
        switch self {
        case .render(let categories): return "render:\(categories.joined(separator: ","))"
        case .jsonl(let url): return url.path
        case .dataset(let url): return url.path
        }
    }
}
