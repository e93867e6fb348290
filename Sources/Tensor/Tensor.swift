import Foundation
import Randomness

/// A float32 tensor: a shape over contiguous row-major storage, plus what reverse-mode autograd
/// needs (a gradient buffer and, for computed tensors, how to send gradients to the inputs).
///
/// Tensors are reference types: an op's result holds its inputs until `backward()` has run.
/// Storage comes from `BufferPool`, so buffers freed by one training step serve the next.
public final class Tensor {
    /// The extent of each axis, outermost first.
    public let shape: [Int]
    /// Number of elements (the product of `shape`).
    public let count: Int

    let storage: Storage
    var gradStorage: Storage?

    /// Whether gradients flow to this tensor. Set it on parameters (leaves); results of ops on
    /// such tensors get it automatically while gradients are recorded.
    public var requiresGrad: Bool

    /// A name used by checkpoints and error messages (optional).
    public var name: String?

    // Autograd: the inputs this tensor was computed from and how to push its gradient to them.
    var parents: [Tensor] = []
    var backwardFunction: ((Tensor) -> Void)?
    let sequence: Int

    init(shape: [Int], storage: Storage, requiresGrad: Bool = false) {
        let count = shape.reduce(1, *)
        require(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(describe(shape))")
        require(storage.capacity >= count, "Tensor: storage of \(storage.capacity) floats is too small for shape \(describe(shape))")
        self.shape = shape
        self.count = count
        self.storage = storage
        self.requiresGrad = requiresGrad
        self.sequence = TensorSequence.next()
    }

    /// An uninitialised tensor for op outputs that are fully overwritten.
    init(uninitialized shape: [Int]) {
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.storage = Storage(count: count)
        self.requiresGrad = false
        self.sequence = TensorSequence.next()
    }

    // MARK: Creation

    /// A tensor of zeros.
    public convenience init(zeros shape: [Int], requiresGrad: Bool = false) {
        require(shape.allSatisfy { $0 >= 0 }, "Tensor(zeros:): negative extent in shape \(describe(shape))")
        self.init(shape: shape, storage: Storage(zeros: shape.reduce(1, *)), requiresGrad: requiresGrad)
    }

    /// A tensor with every element equal to `value`.
    public convenience init(repeating value: Float, shape: [Int], requiresGrad: Bool = false) {
        self.init(zeros: shape, requiresGrad: requiresGrad)
        storage.pointer.update(repeating: value, count: count)
    }

    /// A tensor holding `scalars` in row-major order; their count must match the shape.
    public convenience init(shape: [Int], scalars: [Float], requiresGrad: Bool = false) {
        require(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:scalars:): negative extent in shape \(describe(shape))")
        let count = shape.reduce(1, *)
        require(count == scalars.count, "Tensor(shape:scalars:): shape \(describe(shape)) holds \(count) elements but \(scalars.count) scalars were given")
        self.init(shape: shape, storage: Storage(count: count), requiresGrad: requiresGrad)
        if count > 0 { scalars.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: count) } }
    }

    /// A scalar (shape `[]`).
    public convenience init(_ value: Float) {
        self.init(shape: [], scalars: [value])
    }

    /// Normal samples with mean 0 and standard deviation `standardDeviation`, drawn from `generator`.
    public static func randn(_ shape: [Int], standardDeviation: Float = 1, generator: inout SeededGenerator, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(zeros: shape, requiresGrad: requiresGrad)
        let p = t.storage.pointer
        for i in 0..<t.count { p[i] = Float(generator.gaussian()) * standardDeviation }
        return t
    }

    /// Uniform samples in `[low, high)`, drawn from `generator`.
    public static func uniform(_ shape: [Int], low: Float, high: Float, generator: inout SeededGenerator, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(zeros: shape, requiresGrad: requiresGrad)
        let p = t.storage.pointer
        for i in 0..<t.count { p[i] = low + (high - low) * generator.nextFloat() }
        return t
    }

    // MARK: Access

    /// The elements, row-major. Writing through it changes the tensor in place (e.g. to load data).
    public var data: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: storage.pointer, count: count) }

    /// A copy of the elements as an array.
    public var scalars: [Float] { Array(data) }

    /// The single element of a one-element tensor (e.g. a loss).
    public var item: Float {
        require(count == 1, "Tensor.item: tensor of shape \(describe(shape)) has \(count) elements, not 1")
        return storage.pointer[0]
    }

    /// A copy of the accumulated gradient, or nil when none has been computed.
    public var gradient: [Float]? {
        guard let g = gradStorage else { return nil }
        return Array(UnsafeBufferPointer(start: g.pointer, count: count))
    }

    /// The gradient buffer, or nil when none has been computed.
    public var gradientData: UnsafeMutableBufferPointer<Float>? {
        guard let g = gradStorage else { return nil }
        return UnsafeMutableBufferPointer(start: g.pointer, count: count)
    }

    /// Sets the gradient to zero (keeping its buffer for the next step).
    public func zeroGradient() {
        if let g = gradStorage { g.pointer.update(repeating: 0, count: count) }
    }

    /// Number of axes.
    public var rank: Int { shape.count }

    var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    /// The gradient buffer, created zero-filled on first use.
    func gradPointer() -> UnsafeMutablePointer<Float> {
        if let g = gradStorage { return g.pointer }
        let g = Storage(zeros: count)
        gradStorage = g
        return g.pointer
    }

    /// A copy that shares no storage and records no history (e.g. to keep a value across steps).
    public func detached() -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.pointer.update(from: pointer, count: count)
        return t
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let head = scalars.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(\(describe(shape)): \(head)\(count > 8 ? ", …" : ""))"
    }
}

/// Creation order of tensors: a tensor is always created after its inputs, so sorting graph
/// nodes by it, newest first, is a valid order for backward (the tape).
enum TensorSequence {
    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    static func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        counter += 1
        return counter
    }
}
