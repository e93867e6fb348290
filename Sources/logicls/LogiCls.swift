import ArgumentParser

/// The `logicls` command: thin subcommands over the LogiCls libraries.
@main
struct LogiClsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logicls",
        abstract: "Interpretable logical anomaly classification for industrial images.",
        subcommands: [
            ClassifyCommand.self, EvalCommand.self,
            SynthCommand.self, RulesCommand.self, InstructCommand.self, TrainCommand.self,
            AnnotateCommand.self, RealViolationsCommand.self,
            SynthBenchCommand.self,
        ]
    )
}
