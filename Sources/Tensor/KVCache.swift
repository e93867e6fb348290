/// Keys and values of past positions for incremental decoding: each step appends the new
/// positions' keys and values and attends the new queries over everything cached, so a token
/// costs O(T) instead of recomputing the whole sequence. One cache per attention layer.
public final class KVCache {
    public let batch: Int
    /// Maximum number of positions the cache holds.
    public let capacity: Int
    /// Channels of keys and values (`heads * D`).
    public let channels: Int
    /// Positions cached so far.
    public private(set) var length = 0

    /// Heads of the cached positions (the storage is laid out per head).
    private var cachedHeads = 0
    private let keys: Storage
    private let values: Storage

    public init(batch: Int, capacity: Int, channels: Int) {
        require(batch > 0 && capacity > 0 && channels > 0,
                "KVCache: batch \(batch), capacity \(capacity) and channels \(channels) must be positive")
        self.batch = batch
        self.capacity = capacity
        self.channels = channels
        keys = Storage(count: batch * capacity * channels)
        values = Storage(count: batch * capacity * channels)
    }

    /// Forgets every cached position (to start a new sequence).
    public func reset() { length = 0 }

    /// Appends `key` and `value [B, Tnew, C]` at positions `length..<length+Tnew`, then returns
    /// the attention of `query [B, Tnew, C]` over all cached positions `[B, Tnew, C]`. Records no
    /// autograd history.
    public func attend(query: Tensor, key: Tensor, value: Tensor, heads: Int, mask: AttentionMask) -> Tensor {
        require(query.rank == 3 && query.shape == key.shape && key.shape == value.shape && query.shape[0] == batch && query.shape[2] == channels,
                "KVCache.attend: query \(describe(query.shape)), key \(describe(key.shape)), value \(describe(value.shape)) must all be [\(batch), T, \(channels)]")
        let new = query.shape[1]
        require(length + new <= capacity, "KVCache.attend: \(length) cached + \(new) new positions exceed the capacity \(capacity)")
        require(heads > 0 && channels % heads == 0, "KVCache.attend: \(channels) channels do not split into \(heads) heads")
        require(length == 0 || heads == cachedHeads, "KVCache.attend: \(heads) heads, but the cached positions were stored for \(cachedHeads)")
        cachedHeads = heads
        // Stored [B, H, capacity, D]: a head's keys and values are contiguous rows of D, read
        // as one stream by every step (rows of C would put a head's D floats C apart).
        let d = channels / heads
        for bi in 0..<batch {
            for t in 0..<new {
                let src = (bi * new + t) * channels
                for h in 0..<heads {
                    let dst = ((bi * heads + h) * capacity + length + t) * d
                    (keys.pointer + dst).update(from: key.pointer + src + h * d, count: d)
                    (values.pointer + dst).update(from: value.pointer + src + h * d, count: d)
                }
            }
        }
        length += new
        let layout = AttentionLayout(batch: batch, queries: new, keys: length, channels: channels, heads: heads,
                                     keyBatchStride: capacity * channels, keyHeadStride: capacity * d, keyRowStride: d, mask: mask)
        let out = Tensor(uninitialized: query.shape)
        let probabilities = Storage(count: batch * heads * new * length)
        attentionForward(layout, query.pointer, keys.pointer, values.pointer, out.pointer, probabilities.pointer)
        return out
    }
}
