/// Which keys each query may attend to. Positions are absolute (with a KV cache, the new queries
/// are the last positions of the sequence).
public enum AttentionMask: Equatable, Sendable {
    /// Every query sees every key (encoders).
    case full
    /// Query `i` sees keys `0...i` (decoders).
    case causal
    /// Prefix-LM: the first `length` positions see each other fully (e.g. image tokens and the
    /// prompt); every later position is causal.
    case prefix(Int)

    /// The last key position query position `i` may see, for `keys` keys in all; the visible keys
    /// are always the contiguous range `0...limit`.
    @inline(__always)
    func lastVisibleKey(query i: Int, keys: Int) -> Int {
        switch self {
        case .full: return keys - 1
        case .causal: return min(i, keys - 1)
        case .prefix(let length): return min(max(i, length - 1), keys - 1)
        }
    }
}
