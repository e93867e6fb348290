import Foundation
import Tensor

/// A model directory: `model.safetensors` (F32 weights), `config.json` (`VLMConfig`) and
/// `tokenizer.json` (`Tokenizer`).
extension VLM {
    public static let weightsFile = "model.safetensors"
    public static let configurationFile = "config.json"
    public static let tokenizerFile = "tokenizer.json"

    /// Writes the three files into `directory`, creating it when needed.
    public func save(to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ModelError.cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        for (name, data) in [(VLM.configurationFile, try encoder.encode(config)), (VLM.tokenizerFile, try encoder.encode(tokenizer))] {
            let url = directory.appendingPathComponent(name)
            do { try data.write(to: url, options: .atomic) } catch {
                throw ModelError.cannotWrite(path: url.path, reason: error.localizedDescription)
            }
        }
        try SafeTensors.save(parameters.tensors, to: directory.appendingPathComponent(VLM.weightsFile),
                             metadata: ["format": "logicls-vlm"])
    }

    /// Reads a model saved by `save(to:)`. Throws `ModelError` for a missing or undecodable
    /// file or a tokenizer that does not fit the configuration, and `SafeTensorsError` when the
    /// weights do not match the configuration (naming the tensor and both shapes).
    public static func load(directory: URL) throws -> VLM {
        let configURL = directory.appendingPathComponent(configurationFile)
        let config: VLMConfig = try decodeJSON(configURL)
        do { try config.validate() } catch let error as ModelError {
            throw ModelError.unreadableFile(path: configURL.path, reason: error.description)
        }
        let tokenizer: Tokenizer = try decodeJSON(directory.appendingPathComponent(tokenizerFile))
        let model = try VLM(config: config, tokenizer: tokenizer)
        let weights = directory.appendingPathComponent(weightsFile)
        guard FileManager.default.fileExists(atPath: weights.path) else { throw ModelError.missingFile(path: weights.path) }
        try SafeTensors.load(from: weights, into: model.parameters.tensors)
        return model
    }

    private static func decodeJSON<Value: Decodable>(_ url: URL) throws -> Value {
        guard FileManager.default.fileExists(atPath: url.path) else { throw ModelError.missingFile(path: url.path) }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(contentsOf: url))
        } catch let error as ModelError {
            throw ModelError.unreadableFile(path: url.path, reason: error.description)
        } catch let DecodingError.keyNotFound(key, _) {
            throw ModelError.unreadableFile(path: url.path, reason: "the field '\(key.stringValue)' is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ModelError.unreadableFile(path: url.path, reason: "the field '\(field)' has the wrong type")
        } catch {
            throw ModelError.unreadableFile(path: url.path, reason: "not valid JSON (\(error.localizedDescription))")
        }
    }
}
