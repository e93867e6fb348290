import Foundation
import Model

/// Finds the model directory `classify` and `eval` use: `--model` when given, otherwise the
/// shipped `models/default/` of the package the tool runs from. A directory holds either one model
/// for every category (`config.json` in it) or one model per category (`<category>/config.json`,
/// as the shipped default does: a small model per product learns more per CPU-minute than one
/// shared model).
public enum ModelLocator {
    /// The shipped model's path inside the package.
    public static let defaultRelativePath = "models/default"

    /// `explicit` when given (it must exist); otherwise the first `models/default` found walking up
    /// from each of `searchStarts` (by default the executable's folder and the current folder).
    public static func resolve(explicit: String?, searchStarts: [URL] = defaultSearchStarts) throws -> URL {
        let files = FileManager.default
        if let explicit {
            let url = URL(fileURLWithPath: explicit).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InspectionError.modelNotFound("\(explicit) is not a directory")
            }
            return url
        }
        for start in searchStarts {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent(defaultRelativePath)
                var isDirectory: ObjCBool = false
                if files.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    return candidate
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw InspectionError.modelNotFound(
            "no \(defaultRelativePath)/ above \(searchStarts.map(\.path).joined(separator: " or ")); "
            + "train one with `logicls train` or pass --model DIR")
    }

    /// The folder of the model for `category` inside `directory`: `directory` itself when it holds a
    /// model, otherwise its `<category>/` model.
    public static func modelFolder(in directory: URL, category: String) throws -> URL {
        let files = FileManager.default
        if files.fileExists(atPath: directory.appendingPathComponent(VLM.configurationFile).path) { return directory }
        let own = directory.appendingPathComponent(category)
        if files.fileExists(atPath: own.appendingPathComponent(VLM.configurationFile).path) { return own }
        throw InspectionError.modelNotFound("\(directory.path) holds neither a model (\(VLM.configurationFile)) "
                                            + "nor a model for \(category) (\(category)/\(VLM.configurationFile))")
    }

    /// Resolves the model directory as `resolve` does and loads the model for `category` saved there.
    public static func load(explicit: String?, category: String, searchStarts: [URL] = defaultSearchStarts)
        throws -> (directory: URL, generator: ResponseGenerator) {
        let directory = try modelFolder(in: try resolve(explicit: explicit, searchStarts: searchStarts), category: category)
        return (directory, try loadModel(at: directory))
    }

    /// The model saved in `folder` (one that `modelFolder` returned).
    public static func loadModel(at folder: URL) throws -> ResponseGenerator {
        try VLM.load(directory: folder)
    }

    /// The running executable's folder, then the current directory.
    public static var defaultSearchStarts: [URL] {
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "."))
            .resolvingSymlinksInPath()
        return [executable.deletingLastPathComponent(),
                URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
    }
}
