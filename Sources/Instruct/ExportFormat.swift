/// What `InstructionExport` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// `InstructionSample` JSON lines, native chain-of-thought (location words), for our trainer.
    case native
    /// ShareGPT JSON lines, export chain-of-thought (pixel boxes), for large-VLM trainers.
    case sharegpt

    public var style: CoTStyle { self == .native ? .native : .export }
}
