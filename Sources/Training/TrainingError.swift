/// Errors a training run reports to its user: bad configuration, data or checkpoints.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case invalidConfiguration(String)
    case invalidData(String)
    case checkpoint(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let m): return "invalid training configuration: \(m)"
        case .invalidData(let m): return "training data: \(m)"
        case .checkpoint(let m): return "checkpoint: \(m)"
        }
    }
}
