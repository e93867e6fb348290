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
    /// Prefix-LM, except that in batch item `b` the queries at positions `hiddenFrom[b]` and later
    /// do not see the first `hidden` keys (the image tokens): what they write can only follow
    /// from the text before them. `Int.max` hides nothing from that item.
    case prefixHiding(length: Int, hidden: Int, hiddenFrom: [Int])

    /// The last key position query position `i` may see, for `keys` keys in all.
    @inline(__always)
    func lastVisibleKey(query i: Int, keys: Int) -> Int {
        switch self {
        case .full: return keys - 1
        case .causal: return min(i, keys - 1)
        case .prefix(let length), .prefixHiding(let length, _, _): return min(max(i, length - 1), keys - 1)
        }
    }

    /// The first key position query position `i` of batch item `b` may see; the visible keys are
    /// always the contiguous range `first...last`.
    @inline(__always)
    func firstVisibleKey(query i: Int, batch b: Int) -> Int {
        guard case .prefixHiding(_, let hidden, let hiddenFrom) = self, i >= hiddenFrom[b] else { return 0 }
        return hidden
    }

    /// Stops on a mask that names more batch items than it describes (a programming error).
    func check(batch: Int) {
        if case .prefixHiding(let length, let hidden, let hiddenFrom) = self {
            precondition(hiddenFrom.count == batch && hidden >= 0 && hidden < length,
                         "AttentionMask: \(hiddenFrom.count) hiding positions for a batch of \(batch), \(hidden) hidden keys of a \(length)-position prefix")
        }
    }
}
