import Foundation

/// Recycles float buffers by size class, so that the tensors of one training step reuse the
/// buffers the previous step released: after the first step the engine asks the system for no
/// new memory. Sizes are rounded up to four classes per octave (at most 25% slack).
public final class BufferPool: @unchecked Sendable {
    /// The pool every tensor draws from.
    public static let shared = BufferPool()

    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private let lock = NSLock()
    private var allocated = 0
    private var allocations = 0

    /// Bytes obtained from the system so far (in use or waiting in the pool).
    public var bytesAllocated: Int { lock.lock(); defer { lock.unlock() }; return allocated }

    /// How many times the pool had to ask the system for memory; constant in a steady state.
    public var systemAllocations: Int { lock.lock(); defer { lock.unlock() }; return allocations }

    /// The capacity actually reserved for a request of `count` floats.
    static func sizeClass(_ count: Int) -> Int {
        if count <= 16 { return 16 }
        let octave = Int.bitWidth - 1 - (count - 1).leadingZeroBitCount
        let step = 1 << max(octave - 2, 0)
        return (count + step - 1) / step * step
    }

    func take(_ count: Int) -> (UnsafeMutablePointer<Float>, Int) {
        let capacity = BufferPool.sizeClass(count)
        lock.lock()
        if let pointer = free[capacity]?.popLast() {
            lock.unlock()
            return (pointer, capacity)
        }
        allocated += capacity * MemoryLayout<Float>.stride
        allocations += 1
        lock.unlock()
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Float>.stride, alignment: 64)
        return (raw.bindMemory(to: Float.self, capacity: capacity), capacity)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, capacity: Int) {
        lock.lock()
        free[capacity, default: []].append(pointer)
        lock.unlock()
    }

    /// Returns every idle buffer to the system (e.g. after training, before long inference).
    public func trim() {
        lock.lock()
        for (capacity, pointers) in free {
            for pointer in pointers { UnsafeMutableRawPointer(pointer).deallocate() }
            allocated -= capacity * pointers.count * MemoryLayout<Float>.stride
        }
        free.removeAll()
        lock.unlock()
    }
}

/// A pooled float buffer; returns itself to the pool when the last tensor using it goes away.
final class Storage {
    let pointer: UnsafeMutablePointer<Float>
    let capacity: Int

    /// Uninitialised storage for `count` floats.
    init(count: Int) {
        (pointer, capacity) = BufferPool.shared.take(count)
    }

    /// Zero-filled storage for `count` floats.
    convenience init(zeros count: Int) {
        self.init(count: count)
        pointer.initialize(repeating: 0, count: count)
    }

    deinit { BufferPool.shared.give(pointer, capacity: capacity) }
}
