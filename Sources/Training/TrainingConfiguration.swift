import Foundation
import Model
import Yams

/// Sizes of the model to train; each field left out keeps the value of `VLMConfig.standard`.
public struct ModelSettings: Codable, Equatable, Sendable {
    public var imageSize: Int?
    public var imageHeight: Int?
    public var patchSize: Int?
    public var stemChannels: [Int]?
    public var visionWidth: Int?
    public var visionLayers: Int?
    public var visionHeads: Int?
    public var shuffle: Int?
    public var decoderWidth: Int?
    public var decoderLayers: Int?
    public var decoderHeads: Int?
    public var mlpRatio: Int?
    public var promptLength: Int?
    public var maxTextLength: Int?
    public var dropout: Float?

    public init() {}

    /// The standard configuration for `vocabularySize` with these fields replaced.
    public func resolved(vocabularySize: Int) -> VLMConfig {
        var c = VLMConfig.standard(vocabularySize: vocabularySize)
        if let v = imageSize { c.imageSize = v }
        if let v = imageHeight { c.imageHeight = v }
        if let v = patchSize { c.patchSize = v }
        if let v = stemChannels { c.stemChannels = v }
        if let v = visionWidth { c.visionWidth = v }
        if let v = visionLayers { c.visionLayers = v }
        if let v = visionHeads { c.visionHeads = v }
        if let v = shuffle { c.shuffle = v }
        if let v = decoderWidth { c.decoderWidth = v }
        if let v = decoderLayers { c.decoderLayers = v }
        if let v = decoderHeads { c.decoderHeads = v }
        if let v = mlpRatio { c.mlpRatio = v }
        if let v = promptLength { c.promptLength = v }
        if let v = maxTextLength { c.maxTextLength = v }
        if let v = dropout { c.dropout = v }
        return c
    }

    /// Every field set to the value of `config`.
    public init(describing config: VLMConfig) {
        imageSize = config.imageSize; imageHeight = config.inputHeight; patchSize = config.patchSize; stemChannels = config.stemChannels ?? []; visionWidth = config.visionWidth
        visionLayers = config.visionLayers; visionHeads = config.visionHeads; shuffle = config.shuffle
        decoderWidth = config.decoderWidth; decoderLayers = config.decoderLayers; decoderHeads = config.decoderHeads
        mlpRatio = config.mlpRatio; promptLength = config.promptLength; maxTextLength = config.maxTextLength
        dropout = config.dropout
    }

    /// The fields set here whose value differs from `config`'s, as `name: set here vs config`.
    public func conflicts(with config: VLMConfig) -> [String] {
        let other = ModelSettings(describing: config)
        func pair<T>(_ path: KeyPath<ModelSettings, T?>) -> (mine: String?, theirs: String) {
            (self[keyPath: path].map { "\($0)" }, "\(other[keyPath: path]!)")
        }
        let given = ModelSettings.CodingKeys.allCases.map { key -> (name: String, mine: String?, theirs: String) in
            let values: (mine: String?, theirs: String)
            switch key {
            case .imageSize: values = pair(\.imageSize)
            case .imageHeight: values = pair(\.imageHeight)
            case .patchSize: values = pair(\.patchSize)
            case .stemChannels: values = pair(\.stemChannels)
            case .visionWidth: values = pair(\.visionWidth)
            case .visionLayers: values = pair(\.visionLayers)
            case .visionHeads: values = pair(\.visionHeads)
            case .shuffle: values = pair(\.shuffle)
            case .decoderWidth: values = pair(\.decoderWidth)
            case .decoderLayers: values = pair(\.decoderLayers)
            case .decoderHeads: values = pair(\.decoderHeads)
            case .mlpRatio: values = pair(\.mlpRatio)
            case .promptLength: values = pair(\.promptLength)
            case .maxTextLength: values = pair(\.maxTextLength)
            case .dropout: values = pair(\.dropout)
            }
            return (key.rawValue, values.mine, values.theirs)
        }
        return given.compactMap { field in
            guard let mine = field.mine, mine != field.theirs else { return nil }
            return "\(field.name): \(mine) vs \(field.theirs)"
        }
    }
}

/// Everything a training run is set up with: model sizes, optimisation, data and bookkeeping.
/// Read from YAML (every field optional; unknown fields are errors) and saved in the checkpoint,
/// so that `--resume` continues with exactly the same settings.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    public var model = ModelSettings()
    /// Samples per optimisation step.
    public var batchSize = 16
    /// Length of the run in optimisation steps (the learning-rate schedule spans them).
    public var steps = 5500
    /// Wall-clock limit of one invocation, in minutes: the run checkpoints and stops when it is
    /// reached, and `--resume` continues (nil: no limit).
    public var minutes: Double?
    public var learningRate: Float = 2e-3
    public var minimumLearningRate: Float = 1e-4
    public var warmupSteps = 100
    public var weightDecay: Float = 0.05
    /// Global gradient-norm clip.
    public var clipNorm: Float = 1.0
    public var beta2: Float = 0.98
    /// Minutes between two checkpoints.
    public var checkpointMinutes: Double = 5
    /// Steps between two validations (0: only at the end).
    public var validationEvery = 500
    /// Held-out samples scored by token accuracy at each validation.
    public var validationSamples = 64
    /// Of those, images also classified by generation for the LAC metrics (0: none).
    public var validationGenerations = 20
    /// Seconds between two progress lines.
    public var progressSeconds: Double = 5
    /// Seeds the model's initialisation, the data order and every render and augmentation.
    public var seed: UInt64 = 1
    /// Worker threads of the engine (nil: all cores).
    public var threads: Int?
    /// Long side of rendered scenes, in pixels.
    public var renderLongSide = 256
    /// Vary the wording and order of the chain-of-thought (templates of the instruct step).
    public var paraphrase = true
    /// Chance that a drawn image (render or dataset photo) gets the instruct step's photometric
    /// and geometric augmentation before its chain-of-thought is written (0 turns it off).
    public var augmentation = 0.5
    /// Loss weight of the tokens of the numbers in an answer (levels and counts) against 1 for
    /// every other token. Above 1 it stresses the readings the rules compare
    /// with thresholds, which are a few tokens among many of wording and boxes.
    public var numberWeight: Float = 1
    /// Loss weight of the tokens of the verdict line against 1 for the steps' words. The verdict is
    /// a few tokens after a hundred of steps; above 1 it stresses reading the verdict off the steps
    /// written before it (with the steps given, the verdict is a function of them), so that the
    /// model's own verdict agrees with the rule engine's.
    public var verdictWeight: Float = 1
    /// Weight of the part-map loss against the answer loss (0: off). Above 0 a new model gets a
    /// part-map head (`VLMConfig.partClasses`) that learns, per patch of the vision encoder, which
    /// part's box centre lies there, from the grounding annotations of rendered and dataset
    /// images: a dense signal for the small parts that must be counted (pushpins, screws, nuts).
    public var partMapWeight: Float = 0
    /// Whether a new model's part-map head names a sized part by its size class (`screw.long`,
    /// `screw.too_short`) instead of by its class (`PartMapTargets.classes(of:bySize:)`): a dense
    /// signal for the lengths the rules judge, where an answer gives one word per screw.
    public var partMapSizes = false
    /// Whether a new model's part-map head also names a part whose flag attribute is false by a
    /// class of its own (`cable.not_intact`; `PartMapTargets.classes(of:bySize:byFlag:)`).
    public var partMapFlags = false
    /// Whether a new model with a part map reads its counts as extra image tokens
    /// (`VLMConfig.partCountGrid` 2: the whole image and its four quarters): the part map's
    /// class probabilities summed per region, so the decoder reads a count where it would
    /// otherwise count by attention.
    public var partCounts = false
    /// Chance that a rendered scene of a product other than breakfast_box is varied: its parts
    /// drawn at random (pins per compartment; screws, nuts and washers; a mix of the bottle's
    /// or the cable's and connectors' faults) instead of following its defect case
    /// (`SceneRenderer.renderVaried`), labelled by the oracle (0: off). In the LOCO cases all but
    /// one count or check have their usual answer, so a model can answer them without looking; in
    /// a varied scene it cannot. Renders only.
    public var variedScenes = 0.0
    /// Dataset splits used when `--data` is a LOCO-layout folder.
    public var datasetSplits = ["train", "validation", "test"]
    public var sampler = SamplerSettings()

    public init() {}

    /// Reads a YAML file; fields left out keep their defaults.
    public static func load(from url: URL) throws -> TrainingConfiguration {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw TrainingError.invalidConfiguration("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try parse(yaml: text, source: url.path)
    }

    /// Parses YAML text (`source` names it in errors).
    public static func parse(yaml: String, source: String) throws -> TrainingConfiguration {
        let object: Any?
        do { object = try Yams.load(yaml: yaml) } catch {
            throw TrainingError.invalidConfiguration("\(source) is not valid YAML: \(error)")
        }
        if let object {
            guard let mapping = stringKeyed(object) else {
                throw TrainingError.invalidConfiguration("\(source) must be a mapping of field: value")
            }
            try rejectUnknownKeys(mapping, known: CodingKeys.allCases.map(\.rawValue), section: "")
            if let model = stringKeyed(mapping["model"]) {
                try rejectUnknownKeys(model, known: ModelSettings.CodingKeys.allCases.map(\.rawValue), section: "model.")
            }
            if let sampler = stringKeyed(mapping["sampler"]) {
                try rejectUnknownKeys(sampler, known: SamplerSettings.CodingKeys.allCases.map(\.rawValue), section: "sampler.")
            }
        }
        let configuration: TrainingConfiguration
        do {
            configuration = try YAMLDecoder().decode(TrainingConfiguration.self, from: yaml.isEmpty ? "{}" : yaml)
        } catch let error as TrainingError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw TrainingError.invalidConfiguration("\(source): field '\(field)': \(context.debugDescription)")
        } catch {
            throw TrainingError.invalidConfiguration("\(source): \(error)")
        }
        try configuration.validate()
        return configuration
    }

    /// Checks ranges; throws `TrainingError.invalidConfiguration` naming the field.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw TrainingError.invalidConfiguration(message) }
        }
        try check(batchSize > 0, "batchSize must be positive, got \(batchSize)")
        try check(steps > 0, "steps must be positive, got \(steps)")
        try check(warmupSteps >= 0 && warmupSteps < steps, "warmupSteps must be in 0..<steps (\(steps)), got \(warmupSteps)")
        try check(learningRate > 0 && learningRate.isFinite, "learningRate must be positive, got \(learningRate)")
        try check(minimumLearningRate >= 0 && minimumLearningRate <= learningRate,
                  "minimumLearningRate must be in [0, learningRate], got \(minimumLearningRate)")
        try check(weightDecay >= 0, "weightDecay must be >= 0, got \(weightDecay)")
        try check(clipNorm > 0, "clipNorm must be positive, got \(clipNorm)")
        try check(beta2 > 0 && beta2 < 1, "beta2 must be in (0, 1), got \(beta2)")
        try check(minutes.map { $0 > 0 } ?? true, "minutes must be positive when given")
        try check(checkpointMinutes > 0, "checkpointMinutes must be positive, got \(checkpointMinutes)")
        try check(validationEvery >= 0, "validationEvery must be >= 0, got \(validationEvery)")
        try check(validationSamples >= 0, "validationSamples must be >= 0, got \(validationSamples)")
        try check((0...validationSamples).contains(validationGenerations),
                  "validationGenerations must be in 0...validationSamples (\(validationSamples)), got \(validationGenerations)")
        try check(progressSeconds > 0, "progressSeconds must be positive, got \(progressSeconds)")
        try check(threads.map { $0 > 0 } ?? true, "threads must be positive when given")
        try check((0...1).contains(augmentation), "augmentation must be in [0, 1], got \(augmentation)")
        try check(numberWeight > 0 && numberWeight.isFinite, "numberWeight must be positive, got \(numberWeight)")
        try check(verdictWeight > 0 && verdictWeight.isFinite, "verdictWeight must be positive, got \(verdictWeight)")
        try check(partMapWeight >= 0 && partMapWeight.isFinite, "partMapWeight must be >= 0, got \(partMapWeight)")
        try check((0...1).contains(variedScenes), "variedScenes must be in [0, 1], got \(variedScenes)")
        try check((32...4096).contains(renderLongSide), "renderLongSide must be in 32...4096, got \(renderLongSide)")
        let splits = ["train", "validation", "test"]
        for s in datasetSplits { try check(splits.contains(s), "datasetSplits: unknown split '\(s)' (known: \(splits.joined(separator: ", ")))") }
        try sampler.validate()
    }

    /// The configuration as YAML, as printed at the start of a run.
    public func yaml() -> String {
        (try? YAMLEncoder().encode(self)) ?? "\(self)"
    }

    /// Whether `other` trains the same way: equal in everything but the settings of one invocation
    /// (`minutes`, `checkpointMinutes`, `progressSeconds`, `threads`), which a resumed run may change.
    public func trainsLike(_ other: TrainingConfiguration) -> Bool {
        var a = self, b = other
        a.minutes = nil; b.minutes = nil
        a.threads = nil; b.threads = nil
        a.checkpointMinutes = 0; b.checkpointMinutes = 0
        a.progressSeconds = 0; b.progressSeconds = 0
        return a == b
    }

    // Decoding with defaults for absent fields (unknown ones are refused by `parse`).
    fileprivate enum CodingKeys: String, CodingKey, CaseIterable {
        case model, batchSize, steps, minutes, learningRate, minimumLearningRate, warmupSteps, weightDecay, clipNorm, beta2
        case checkpointMinutes, validationEvery, validationSamples, validationGenerations, progressSeconds, seed, threads
        case renderLongSide, paraphrase, augmentation, numberWeight, verdictWeight, partMapWeight, partMapSizes, partMapFlags, partCounts, variedScenes, datasetSplits, sampler
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var d = TrainingConfiguration()
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.model, &d.model); try read(.batchSize, &d.batchSize); try read(.steps, &d.steps)
        d.minutes = try c.decodeIfPresent(Double.self, forKey: .minutes)
        try read(.learningRate, &d.learningRate); try read(.minimumLearningRate, &d.minimumLearningRate)
        try read(.warmupSteps, &d.warmupSteps); try read(.weightDecay, &d.weightDecay); try read(.clipNorm, &d.clipNorm)
        try read(.beta2, &d.beta2); try read(.checkpointMinutes, &d.checkpointMinutes)
        try read(.validationEvery, &d.validationEvery); try read(.validationSamples, &d.validationSamples)
        try read(.validationGenerations, &d.validationGenerations); try read(.progressSeconds, &d.progressSeconds)
        try read(.seed, &d.seed)
        d.threads = try c.decodeIfPresent(Int.self, forKey: .threads)
        try read(.renderLongSide, &d.renderLongSide); try read(.paraphrase, &d.paraphrase)
        try read(.augmentation, &d.augmentation); try read(.numberWeight, &d.numberWeight)
        try read(.verdictWeight, &d.verdictWeight)
        try read(.partMapWeight, &d.partMapWeight); try read(.variedScenes, &d.variedScenes)
        try read(.partMapSizes, &d.partMapSizes); try read(.partMapFlags, &d.partMapFlags); try read(.partCounts, &d.partCounts)
        try read(.datasetSplits, &d.datasetSplits); try read(.sampler, &d.sampler)
        self = d
    }
}

extension ModelSettings {
    fileprivate enum CodingKeys: String, CodingKey, CaseIterable {
        case imageSize, imageHeight, patchSize, stemChannels, visionWidth, visionLayers, visionHeads, shuffle, decoderWidth, decoderLayers
        case decoderHeads, mlpRatio, promptLength, maxTextLength, dropout
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        imageSize = try c.decodeIfPresent(Int.self, forKey: .imageSize)
        imageHeight = try c.decodeIfPresent(Int.self, forKey: .imageHeight)
        patchSize = try c.decodeIfPresent(Int.self, forKey: .patchSize)
        stemChannels = try c.decodeIfPresent([Int].self, forKey: .stemChannels)
        visionWidth = try c.decodeIfPresent(Int.self, forKey: .visionWidth)
        visionLayers = try c.decodeIfPresent(Int.self, forKey: .visionLayers)
        visionHeads = try c.decodeIfPresent(Int.self, forKey: .visionHeads)
        shuffle = try c.decodeIfPresent(Int.self, forKey: .shuffle)
        decoderWidth = try c.decodeIfPresent(Int.self, forKey: .decoderWidth)
        decoderLayers = try c.decodeIfPresent(Int.self, forKey: .decoderLayers)
        decoderHeads = try c.decodeIfPresent(Int.self, forKey: .decoderHeads)
        mlpRatio = try c.decodeIfPresent(Int.self, forKey: .mlpRatio)
        promptLength = try c.decodeIfPresent(Int.self, forKey: .promptLength)
        maxTextLength = try c.decodeIfPresent(Int.self, forKey: .maxTextLength)
        dropout = try c.decodeIfPresent(Float.self, forKey: .dropout)
    }
}

/// A YAML mapping with its keys as strings; nil for anything else.
private func stringKeyed(_ value: Any?) -> [String: Any]? {
    if let m = value as? [String: Any] { return m }
    guard let m = value as? [AnyHashable: Any] else { return nil }
    return Dictionary(m.map { ("\($0.key.base)", $0.value) }, uniquingKeysWith: { first, _ in first })
}

/// Throws `TrainingError.invalidConfiguration` for a key of `mapping` outside `known`, listing
/// the known ones; `section` prefixes the names (`sampler.`).
private func rejectUnknownKeys(_ mapping: [String: Any], known: [String], section: String) throws {
    if let unknown = mapping.keys.sorted().first(where: { !known.contains($0) }) {
        throw TrainingError.invalidConfiguration(
            "unknown field '\(section)\(unknown)' (known: \(known.joined(separator: ", ")))")
    }
}
