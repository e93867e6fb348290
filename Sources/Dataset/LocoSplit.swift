/// A split of the MVTec LOCO layout, named as its folder.
public enum LocoSplit: String, CaseIterable, Codable, Sendable {
    case train, validation, test
}

/// What a sample is, named as its folder under the split.
public enum LocoLabel: String, CaseIterable, Codable, Sendable {
    case good
    case logicalAnomalies = "logical_anomalies"
    case structuralAnomalies = "structural_anomalies"

    /// Also accepts the singular forms some label files use (`logical_anomaly`).
    init?(labelsCSVValue value: String) {
        switch value {
        case "logical_anomaly": self = .logicalAnomalies
        case "structural_anomaly": self = .structuralAnomalies
        default: self.init(rawValue: value)
        }
    }
}
