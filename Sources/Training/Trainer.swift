import Dataset
import Dispatch
import Foundation
import Instruct
import Model
import Rules
import Scenes
import Tensor

/// How a call to `Trainer.run` ended.
public struct TrainingOutcome: Sendable {
    public enum Reason: String, Sendable {
        /// Every step of the configuration is done.
        case finished
        /// The run's wall-clock limit (`minutes`) or the caller's step limit was reached.
        case limitReached
        /// SIGINT or SIGTERM (or `StopSignal.raise()`).
        case interrupted
    }

    public var reason: Reason
    public var state: TrainingState
    public var lastValidation: ValidationResult?
}

/// The training loop: draws each batch from the source through the difficulty-aware samplers,
/// trains on the answer tokens with AdamW (warm-up + cosine schedule, global-norm clipping),
/// folds the per-sample and per-step losses back into the samplers, validates, logs and writes
/// checkpoints. Everything random is derived from the configuration's seed and the step number,
/// and the checkpoint holds every piece of state, so a resumed run takes exactly the steps an
/// uninterrupted run would.
public final class Trainer {
    public let configuration: TrainingConfiguration
    public let data: DataSpecification
    public let out: URL
    public let model: VLM
    public private(set) var state: TrainingState
    /// The batch loss of the last step this trainer took (nil before its first).
    public private(set) var lastLoss: Float?
    private let source: TrainingSource
    /// The sized part classes of the rule-books, for a part-map head with size classes.
    private let partSizes: [String: PartMapTargets.SizedAttribute]
    private let optimizer: AdamW
    private let log: (String) -> Void

    /// Sets up a new run in `out` (which must hold no checkpoint), or with `resume` continues
    /// the checkpoint in `out`. When resuming, `configuration` (if given) may differ from the saved
    /// one only in the settings of one invocation (`minutes`, `checkpointMinutes`,
    /// `progressSeconds`, `threads`). `minutes` and `threads`, when given, replace the
    /// configuration's time limit and engine threads for this invocation (the data order does
    /// not depend on the thread count; BLAS sums, and so the weights, differ by rounding).
    /// `initialModel` (a new run only) starts from the weights, configuration and tokenizer of a
    /// saved model, with a fresh optimiser. `ruleBook` replaces the shipped rule-book of its
    /// category for the chain-of-thought and labels; a resumed run keeps the checkpoint's one
    /// (read again from its recorded path when not given) and refuses another text.
    public init(configuration given: TrainingConfiguration?, data: DataSpecification, out: URL, resume: Bool,
                minutes: Double? = nil, threads: Int? = nil, initialModel: URL? = nil, ruleBook ruleBookURL: URL? = nil,
                log: @escaping (String) -> Void) throws {
        self.data = data
        self.out = out
        self.log = log
        let fm = FileManager.default
        var configuration = given ?? TrainingConfiguration()
        let checkpoint = Checkpoint.latest(in: out)

        let model: VLM, source: TrainingSource, optimizer: AdamW, books: [RuleBook]
        var state: TrainingState
        if resume {
            if let initialModel {
                throw TrainingError.checkpoint("--init \(initialModel.path) starts a new run; --resume continues the checkpoint's own weights")
            }
            guard let checkpoint else {
                throw TrainingError.checkpoint("--resume: \(out.path) holds no checkpoint (no \(Checkpoint.folderName)/\(Checkpoint.stateFile))")
            }
            let saved = try Checkpoint.readState(checkpoint)
            guard saved.data == data.description else {
                throw TrainingError.checkpoint("--resume: the checkpoint trained on '\(saved.data)', not '\(data.description)'")
            }
            if let given, !given.trainsLike(saved.configuration) {
                throw TrainingError.checkpoint("--resume: the configuration differs from the checkpoint's in more than minutes, checkpointMinutes, progressSeconds and threads")
            }
            configuration = saved.configuration
            if let given {
                configuration.minutes = given.minutes
                configuration.checkpointMinutes = given.checkpointMinutes
                configuration.progressSeconds = given.progressSeconds
                configuration.threads = given.threads
            }
            let ruleBook = try Trainer.resumedRuleBook(given: ruleBookURL, saved: saved.ruleBook)
            source = try Trainer.makeSource(data, configuration: configuration, ruleBook: ruleBook)
            books = try Trainer.ruleBooks(RuleBook.bundledCategories, ruleBook: ruleBook)
            guard saved.samplers.cases.units == source.caseUnits, saved.samplers.subqueries?.units ?? [] == source.subqueryUnits else {
                throw TrainingError.checkpoint("--resume: the data's units differ from the checkpoint's (was the data changed?)")
            }
            model = try Checkpoint.readModel(checkpoint)
            model.dropoutGenerator = saved.dropoutGenerator
            var resumed = saved
            resumed.configuration = configuration
            state = resumed
            optimizer = Trainer.makeOptimizer(model, configuration)
            try Checkpoint.restoreOptimizer(optimizer, from: checkpoint)
        } else {
            if checkpoint != nil {
                throw TrainingError.checkpoint("\(out.path) already holds a checkpoint: pass --resume to continue it, or choose another --out")
            }
            try configuration.validate()
            let chosen = try ruleBookURL.map(RuleBookChoice.load)
            if let ruleBookURL, let book = chosen?.book {
                // The model answers in this rule-book's terms; classify and eval read it from here.
                do { try ModelRuleBook.save(file: ruleBookURL, category: book.category, model: out) } catch {
                    throw TrainingError.checkpoint("cannot write into \(out.path): \(error)")
                }
            }
            source = try Trainer.makeSource(data, configuration: configuration, ruleBook: chosen?.book)
            books = try Trainer.ruleBooks(RuleBook.bundledCategories, ruleBook: chosen?.book)
            // Evaluation leaves out what the model saw, its starting model's images included.
            do { try TrainingImages.write(source.imageFiles, inherited: initialModel, model: out) } catch {
                throw TrainingError.invalidData("cannot list the training images in \(out.path): \(error)")
            }
            if let initialModel {
                model = try Trainer.loadInitialModel(initialModel, settings: configuration.model, seed: configuration.seed,
                                                     requiredWords: try Trainer.words(of: source, ruleBook: chosen?.book))
                if configuration.partMapWeight > 0, model.config.partClasses == nil {
                    throw TrainingError.invalidConfiguration("--init: \(initialModel.path) has no part-map head to train; set partMapWeight to 0")
                }
                if configuration.partCounts, model.config.partCountGrid == nil {
                    throw TrainingError.invalidConfiguration("--init: \(initialModel.path) has no count tokens; partCounts applies to a new model")
                }
                configuration.model = ModelSettings(describing: model.config)
            } else {
                let tokenizer = try Trainer.makeTokenizer(ruleBook: chosen?.book)
                var modelConfig = configuration.model.resolved(vocabularySize: tokenizer.count)
                if configuration.partMapWeight > 0 {
                    modelConfig.partClasses = PartMapTargets.classes(of: books, bySize: configuration.partMapSizes, byFlag: configuration.partMapFlags)
                }
                if configuration.partCounts {
                    guard configuration.partMapWeight > 0 else {
                        throw TrainingError.invalidConfiguration("partCounts needs the part map (partMapWeight above 0)")
                    }
                    modelConfig.partCountGrid = 2
                }
                do { model = try VLM(config: modelConfig, tokenizer: tokenizer, seed: configuration.seed) } catch {
                    throw TrainingError.invalidConfiguration("model: \(error)")
                }
            }
            let settings = configuration.sampler
            let cases = DifficultySampler(units: source.caseUnits, frequencies: source.caseFrequencies, settings: settings)
            let subqueries = source.subqueryUnits.isEmpty ? nil :
                DifficultySampler(units: source.subqueryUnits, frequencies: source.subqueryFrequencies, settings: settings)
            state = TrainingState(step: 0, samplesSeen: 0, elapsedSeconds: 0, configuration: configuration, data: data.description,
                                  samplers: SamplerState(cases: cases, subqueries: subqueries), dropoutGenerator: model.dropoutGenerator,
                                  initialModel: initialModel?.path, ruleBook: chosen?.choice)
            optimizer = Trainer.makeOptimizer(model, configuration)
        }
        if let minutes {
            guard minutes > 0 else { throw TrainingError.invalidConfiguration("minutes must be positive, got \(minutes)") }
            configuration.minutes = minutes
            state.configuration.minutes = minutes
        }
        if let threads {
            guard threads > 0 else { throw TrainingError.invalidConfiguration("threads must be positive, got \(threads)") }
            configuration.threads = threads
            state.configuration.threads = threads
        }
        if let threads = configuration.threads { Engine.setThreadCount(threads) }
        self.model = model
        self.source = source
        self.partSizes = PartMapTargets.sizedAttributes(of: books)
        self.optimizer = optimizer
        self.state = state
        self.configuration = configuration
        do { try fm.createDirectory(at: out, withIntermediateDirectories: true) } catch {
            throw TrainingError.checkpoint("cannot create \(out.path): \(error.localizedDescription)")
        }
    }

    /// The closed vocabulary of every shipped rule-book (`ruleBook` in place of its category's),
    /// as the tokenizer of a new model.
    static func makeTokenizer(ruleBook: RuleBook?) throws -> Tokenizer {
        try Tokenizer(words: words(of: RuleBook.bundledCategories, ruleBook: ruleBook))
    }

    /// The words the chain-of-thought of these categories can use (the line break is the
    /// tokenizer's own special token, not a word).
    static func words(of categories: [String], ruleBook: RuleBook?) throws -> [String] {
        Vocabulary(ruleBooks: try ruleBooks(categories, ruleBook: ruleBook)).words.filter { !$0.contains(where: \.isNewline) }
    }

    /// The shipped rule-books of `categories`, `ruleBook` in place of its category's.
    static func ruleBooks(_ categories: [String], ruleBook: RuleBook?) throws -> [RuleBook] {
        try categories.map { $0 == ruleBook?.category ? ruleBook! : try RuleBook.bundled($0) }
    }

    /// The words of the categories a source's units belong to.
    static func words(of source: TrainingSource, ruleBook: RuleBook?) throws -> [String] {
        let categories = Set(source.caseUnits.compactMap { $0.split(separator: "/").first.map(String.init) })
        return try words(of: categories.sorted(), ruleBook: ruleBook)
    }

    /// The saved model a new run starts from, checked against the configuration's model fields
    /// (those set must agree) and the words of the data (all must be tokens); its dropout stream
    /// restarts from `seed` as a new model's would.
    static func loadInitialModel(_ folder: URL, settings: ModelSettings, seed: UInt64, requiredWords: [String]) throws -> VLM {
        let model: VLM
        do { model = try VLM.load(directory: folder) } catch {
            throw TrainingError.invalidConfiguration("--init: cannot load the model in \(folder.path): \(error)")
        }
        let conflicts = settings.conflicts(with: model.config)
        guard conflicts.isEmpty else {
            throw TrainingError.invalidConfiguration("--init: the configuration's model disagrees with \(folder.path) (\(conflicts.joined(separator: ", "))); leave those fields out or make them equal")
        }
        let unknown = requiredWords.filter { model.tokenizer.id(of: $0) == nil }
        guard unknown.isEmpty else {
            throw TrainingError.invalidData("--init: the tokenizer of \(folder.path) lacks \(unknown.count) word(s) of the data: \(unknown.joined(separator: ", "))")
        }
        model.dropoutGenerator = (try VLM(config: model.config, tokenizer: model.tokenizer, seed: seed)).dropoutGenerator
        return model
    }

    /// The rule-book a resumed run uses: the checkpoint's (from `given`, else from its recorded
    /// path), refused when its text no longer hashes to the recorded one.
    static func resumedRuleBook(given: URL?, saved: RuleBookChoice?) throws -> RuleBook? {
        guard let saved else {
            if let given { throw TrainingError.checkpoint("--resume: the checkpoint trained with the shipped rule-books, not --rules \(given.path)") }
            return nil
        }
        let (choice, book) = try RuleBookChoice.load(given ?? URL(fileURLWithPath: saved.path))
        guard choice.contentHash == saved.contentHash else {
            throw TrainingError.checkpoint("--resume: the rule-book \(choice.path) differs from the one the checkpoint trained with (\(saved.path), hash \(saved.contentHash))")
        }
        return book
    }

    static func makeSource(_ data: DataSpecification, configuration: TrainingConfiguration, ruleBook: RuleBook?) throws -> TrainingSource {
        switch data {
        case .render(let categories):
            return try RenderSource(categories: categories, longSide: configuration.renderLongSide, paraphrase: configuration.paraphrase,
                                    augmentation: configuration.augmentation, variedScenes: configuration.variedScenes,
                                    ruleBook: ruleBook)
        case .jsonl(let url):
            if let ruleBook {
                throw TrainingError.invalidData("--rules \(ruleBook.file) applies to renders and dataset folders; \(url.path) holds samples already written")
            }
            return try JSONLSource(file: url)
        case .dataset(let url):
            return try DatasetSource(root: url, splits: configuration.datasetSplits, paraphrase: configuration.paraphrase,
                                     augmentation: configuration.augmentation, ruleBook: ruleBook)
        }
    }

    static func makeOptimizer(_ model: VLM, _ configuration: TrainingConfiguration) -> AdamW {
        let groups = model.parameterGroups
        return AdamW(decayed: groups.decayed, notDecayed: groups.notDecayed, weightDecay: configuration.weightDecay,
                     learningRate: configuration.learningRate, beta2: configuration.beta2)
    }

    /// What the run is set up with, for the start of the log.
    public var header: String {
        var lines = ["effective configuration:", configuration.yaml()]
        lines.append("data: \(data.description)  (\(source.caseUnits.count) defect-case units, \(source.subqueryUnits.count) subquery units)")
        lines.append("model: \(model.parameterCount) parameters, vocabulary \(model.tokenizer.count), image \(model.config.inputDescription) px")
        if let classes = model.config.partClasses, configuration.partMapWeight > 0 {
            lines.append("part map: weight \(configuration.partMapWeight), \(classes.count) classes (\(classes.joined(separator: ", ")))")
        }
        if let grid = model.config.partCountGrid {
            lines.append("count tokens: \(model.config.countTokens) (the part map's counts over the image and a \(grid) x \(grid) split)")
        }
        if configuration.partMapSizes, configuration.partMapWeight == 0 {
            lines.append("part map by size: no effect without a part map (partMapWeight 0)")
        }
        if configuration.partMapFlags, configuration.partMapWeight == 0 {
            lines.append("part map by flag: no effect without a part map (partMapWeight 0)")
        }
        if configuration.variedScenes > 0 {
            let products = SceneCategory.variedNames
            if case .render = data {
                lines.append("varied scenes: chance \(configuration.variedScenes) per render of \(products)")
            } else {
                lines.append("varied scenes: \(configuration.variedScenes) has no effect: it applies to renders (of \(products)) only")
            }
        }
        if let initial = state.initialModel { lines.append("initial weights: \(initial)") }
        if let book = state.ruleBook { lines.append("rule-book: \(book.path) (hash \(book.contentHash))") }
        let sampler = configuration.sampler
        let difficulty = switch sampler.caseDifficulty {
        case .sample: ""
        case .verdict: " (case difficulty: verdict line)"
        case .answers: " (case difficulty: answers)"
        }
        let resampling = sampler.enabled ? "on" + difficulty : "off"
        lines.append("resampling: \(resampling)  out: \(out.path)  step \(state.step)/\(configuration.steps)")
        return lines.joined(separator: "\n")
    }

    /// Trains until the configured steps are done, the run's time limit or `stopAfterStep` is
    /// reached, or `stop` is raised; then writes a checkpoint and returns.
    public func run(stopAfterStep: Int? = nil, stop: StopSignal? = nil) throws -> TrainingOutcome {
        let c = configuration
        let schedule = WarmupCosineSchedule(peak: c.learningRate, minimum: c.minimumLearningRate, warmupSteps: c.warmupSteps, totalSteps: c.steps)
        let validation = c.validationSamples > 0
            ? try ValidationSet(source: source, count: c.validationSamples, generations: c.validationGenerations, seed: c.seed,
                                config: model.config, tokenizer: model.tokenizer, partSizes: partSizes)
            : nil
        var progress = ProgressReporter(interval: c.progressSeconds, step: state.step, samples: state.samplesSeen, write: log)
        let runStart = ProgressReporter.now()
        var lastCheckpoint = runStart
        let elapsedAtStart = state.elapsedSeconds
        var lastValidation: ValidationResult?
        var reason = TrainingOutcome.Reason.finished

        while state.step < c.steps {
            if stop?.isRaised == true { reason = .interrupted; break }
            if let limit = stopAfterStep, state.step >= limit { reason = .limitReached; break }
            if let minutes = c.minutes, ProgressReporter.now() - runStart >= minutes * 60 { reason = .limitReached; break }

            let (report, dataSeconds) = try trainStep(schedule: schedule)
            state.elapsedSeconds = elapsedAtStart + ProgressReporter.now() - runStart
            progress.record(step: state.step, total: c.steps, loss: report.answerLoss, partLoss: report.partLoss,
                            learningRate: optimizer.learningRate, samples: state.samplesSeen, dataSeconds: dataSeconds)

            if state.step % c.sampler.logEvery == 0 { try logSamplers() }
            if let validation, c.validationEvery > 0, state.step % c.validationEvery == 0 {
                lastValidation = try validate(validation)
            }
            if ProgressReporter.now() - lastCheckpoint >= c.checkpointMinutes * 60 {
                try writeCheckpoint()
                lastCheckpoint = ProgressReporter.now()
            }
        }
        if reason == .finished, let validation, lastValidation?.step != state.step {
            lastValidation = try validate(validation)
        }
        try writeCheckpoint()
        log("\(reason == .interrupted ? "interrupted" : reason == .finished ? "finished" : "stopped") at step \(state.step)/\(c.steps) after \(ProgressReporter.duration(state.elapsedSeconds)) of training; checkpoint written to \(out.path)")
        return TrainingOutcome(reason: reason, state: state, lastValidation: lastValidation)
    }

    /// One optimisation step; returns the batch's losses and the seconds spent drawing its data.
    private func trainStep(schedule: WarmupCosineSchedule) throws -> (report: LossReport, dataSeconds: Double) {
        let c = configuration
        let start = ProgressReporter.now()
        let plan = state.samplers.plan(step: state.step, batchSize: c.batchSize, seed: c.seed)
        let encoded = try draw(plan)
        let dataSeconds = ProgressReporter.now() - start
        let batch = try VLMBatch(samples: encoded.map(\.input), config: model.config, tokenizer: model.tokenizer)

        optimizer.zeroGradients()
        let report = model.loss(batch, partWeight: c.partMapWeight)
        let loss = report.loss.item
        guard loss.isFinite else {
            report.loss.releaseHistory()
            throw TrainingError.invalidData("the loss became \(loss) at step \(state.step); the last checkpoint is kept")
        }
        report.loss.backward()
        clipGradientNorm(optimizer.parameters, maxNorm: c.clipNorm)
        optimizer.learningRate = schedule(state.step)
        optimizer.step()

        observe(plan: plan, encoded: encoded, report: report, batch: batch)
        state.dropoutGenerator = model.dropoutGenerator
        state.step += 1
        state.samplesSeen += c.batchSize
        lastLoss = loss
        return (report, dataSeconds)
    }

    /// Draws and encodes the planned samples, in parallel over the cores (each from its own seed,
    /// so the result does not depend on the order the threads finish in).
    private func draw(_ plan: [PlannedSample]) throws -> [EncodedSample] {
        let results = ResultSlots<EncodedSample>(count: plan.count)
        let source = self.source, config = model.config, tokenizer = model.tokenizer
        let numberWeight = configuration.numberWeight, verdictWeight = configuration.verdictWeight, partSizes = self.partSizes
        DispatchQueue.concurrentPerform(iterations: plan.count) { i in
            results.set(i, Result {
                let p = plan[i]
                let drawn = p.kind == .inspection ? try source.inspection(caseUnit: p.unit, seed: p.seed)
                                                  : try source.subquerySample(subqueryUnit: p.unit, seed: p.seed)
                return try EncodedSample(drawn, config: config, tokenizer: tokenizer, numberWeight: numberWeight,
                                         verdictWeight: verdictWeight, partSizes: partSizes)
            })
        }
        return try results.values()
    }

    /// Folds the batch's losses into the samplers: each full inspection's loss (or its verdict
    /// line's or its answers', as `sampler.caseDifficulty` says) into its defect case, each step's mean token loss
    /// (and each single-subquery sample's loss) into its subquery.
    private func observe(plan: [PlannedSample], encoded: [EncodedSample], report: LossReport, batch: VLMBatch) {
        let t = batch.textLength
        /// The mean loss of answer tokens `tokens` of sample `b` (token j sits at text position answerStart + j).
        func meanLoss(_ b: Int, _ tokens: Range<Int>) -> Double { meanLoss(b, [tokens]) }
        func meanLoss(_ b: Int, _ ranges: [Range<Int>]) -> Double {
            let sum = ranges.joined().reduce(0.0) { $0 + Double(report.tokenLosses[b * t + batch.answerStart + $1]) }
            return sum / Double(ranges.reduce(0) { $0 + $1.count })
        }
        /// The case difficulty's loss of inspection `b` by `sampler.caseDifficulty`; nil: the sample's.
        func caseLoss(_ b: Int) -> Double? {
            switch configuration.sampler.caseDifficulty {
            case .sample: return nil
            case .verdict: return encoded[b].verdictTokens.map { meanLoss(b, $0) }
            case .answers: return encoded[b].answerTokens.isEmpty ? nil : meanLoss(b, encoded[b].answerTokens)
            }
        }
        for (b, p) in plan.enumerated() {
            let sampleLoss = Double(report.sampleLosses[b])
            switch p.kind {
            case .subquery:
                state.samplers.subqueries?.observe(p.unit, loss: sampleLoss)
            case .inspection:
                state.samplers.cases.observe(p.unit, loss: caseLoss(b) ?? sampleLoss)
                guard var subqueries = state.samplers.subqueries else { continue }
                for step in encoded[b].steps {
                    guard let unit = subqueries.index(of: TrainingUnit.subqueryUnit(category: encoded[b].category, subquery: step.subquery)),
                          !step.tokens.isEmpty else { continue }
                    subqueries.observe(unit, loss: meanLoss(b, step.tokens))
                }
                state.samplers.subqueries = subqueries
            }
        }
    }

    private func validate(_ validation: ValidationSet) throws -> ValidationResult {
        let result = try validation.evaluate(model, step: state.step, batchSize: configuration.batchSize)
        log(result.summary)
        try appendLine(result, to: "validation.jsonl")
        return result
    }

    /// Logs the most-drawn units to the progress log and every weight to `sampler.jsonl`.
    private func logSamplers() throws {
        let samplers = state.samplers
        func top(_ sampler: DifficultySampler) -> String {
            let p = sampler.probabilities
            return p.indices.sorted { p[$0] > p[$1] }.prefix(4).map { i in
                String(format: "%@ %.3f (d %.2f)", sampler.units[i], p[i], sampler.difficulties[i] ?? .nan)
            }.joined(separator: ", ")
        }
        if configuration.sampler.enabled {
            var line = "sampler step \(state.step): cases " + top(samplers.cases)
            if let s = samplers.subqueries { line += " | subqueries " + top(s) }
            log(line)
        }
        try appendLine(SamplerLogLine(step: state.step, samplers: samplers), to: "sampler.jsonl")
    }

    private func appendLine<T: Encodable>(_ value: T, to name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let url = out.appendingPathComponent(name)
        var line = try encoder.encode(value)
        line.append(UInt8(ascii: "\n"))
        if let handle = try? FileHandle(forWritingTo: url) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        } else {
            do { try line.write(to: url) } catch {
                throw TrainingError.checkpoint("cannot write \(url.path): \(error.localizedDescription)")
            }
        }
    }

    /// Writes the checkpoint of the current state.
    public func writeCheckpoint() throws {
        state.dropoutGenerator = model.dropoutGenerator
        try Checkpoint.write(model: model, optimizer: optimizer, state: state, to: out)
    }
}

/// One line of `sampler.jsonl`: each unit's probability, running difficulty and observations.
struct SamplerLogLine: Encodable {
    struct Unit: Encodable {
        var probability: Double
        var difficulty: Double?
        var observations: Int
    }

    var step: Int
    var cases: [String: Unit]
    var subqueries: [String: Unit]?

    init(step: Int, samplers: SamplerState) {
        func units(_ s: DifficultySampler) -> [String: Unit] {
            let p = s.probabilities
            var result: [String: Unit] = [:]
            for i in s.units.indices {
                result[s.units[i]] = Unit(probability: p[i], difficulty: s.difficulties[i], observations: s.observations[i])
            }
            return result
        }
        self.step = step
        cases = units(samplers.cases)
        subqueries = samplers.subqueries.map(units)
    }
}

/// Results filled in by concurrent workers, one slot each.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, Error>) {
        lock.lock(); slots[index] = result; lock.unlock()
    }

    /// The values in slot order; the first slot's error is thrown when any failed.
    func values() throws -> [Value] {
        try slots.map { try $0!.get() }
    }
}
