/// A dense float32 array of any rank, stored contiguously in row-major order.
///
/// The last axis varies fastest: element `[i, j]` of a `[rows, cols]` tensor is
/// `storage[i * cols + j]`. Operations return new tensors and leave `self` alone;
/// the encoders use the same kernels on raw buffers in their hot loops.
///
/// ```swift
/// let x = Tensor(shape: [2, 3], storage: [1, 2, 3, 4, 5, 6])
/// let y = x.linear(weight: w, bias: b)   // y = x · wᵀ + b, w is [out, 3]
/// ```
public struct Tensor: Sendable, Hashable {
    /// The size of each axis.
    public private(set) var shape: [Int]
    /// The elements, row-major; `storage.count` is the product of `shape`.
    public internal(set) var storage: [Float]

    /// A tensor over `storage`, which must hold exactly `shape`'s product of elements.
    public init(shape: [Int], storage: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative axis")
        precondition(storage.count == Tensor.elementCount(shape), "Tensor of shape \(shape) needs \(Tensor.elementCount(shape)) elements, got \(storage.count)")
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of `shape` with every element `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, storage: Array(repeating: value, count: Tensor.elementCount(shape)))
    }

    /// A tensor whose storage is filled by `body`, which gets the whole uninitialised buffer.
    init(shape: [Int], unsafeUninitialized body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = Tensor.elementCount(shape)
        self.shape = shape
        self.storage = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var count: Int { storage.count }

    /// The size of the last axis (1 for a scalar).
    public var lastDimension: Int { shape.last ?? 1 }

    /// How many vectors of the last axis there are: the product of all other axes.
    public var rowCount: Int { lastDimension == 0 ? 0 : count / lastDimension }

    /// The element at a full index, one position per axis.
    public subscript(_ index: Int...) -> Float {
        get { storage[offset(of: index)] }
        set { storage[offset(of: index)] = newValue }
    }

    /// The same elements viewed with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(Tensor.elementCount(newShape) == count, "Cannot reshape \(shape) to \(newShape)")
        var copy = self
        copy.shape = newShape
        return copy
    }

    /// The rows of a tensor seen as `[rowCount, lastDimension]`, as arrays.
    public func rowArrays() -> [[Float]] {
        let width = lastDimension
        return (0..<rowCount).map { Array(storage[($0 * width)..<(($0 + 1) * width)]) }
    }

    static func elementCount(_ shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    private func offset(of index: [Int]) -> Int {
        precondition(index.count == shape.count, "Index \(index) does not match shape \(shape)")
        var offset = 0
        for (axis, position) in index.enumerated() {
            precondition(position >= 0 && position < shape[axis], "Index \(index) is outside shape \(shape)")
            offset = offset * shape[axis] + position
        }
        return offset
    }
}
