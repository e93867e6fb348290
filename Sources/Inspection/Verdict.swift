/// The image-level decision: the product obeys every rule of its category, or breaks at least one.
public enum Verdict: String, Codable, Hashable, Sendable, CaseIterable {
    case normal
    case anomalous
}
