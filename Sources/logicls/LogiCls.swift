import ArgumentParser

/// The `logicls` command: thin subcommands over the LogiCls libraries.
@main
struct LogiClsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logicls",
        abstract: "Interpretable logical anomaly classification for industrial images.",
        subcommands: [SynthCommand.self, SynthBenchCommand.self, RulesCommand.self, InstructCommand.self, AnnotateCommand.self, RealViolationsCommand.self]
    )
}
