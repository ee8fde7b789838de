/// A read-only float32 weight: the bytes of a memory-mapped safetensors file used in
/// place, or an owned buffer when the stored values had to be converted.
///
/// F32 tensors whose data is 4-byte aligned are used straight from the mapping on a
/// little-endian machine, so loading a model costs no copy of its weights; F16, BF16
/// and misaligned F32 data are converted into a buffer of their own.
///
/// Thread safety: `@unchecked Sendable` because the buffer is never written after
/// `init`, and `owner` (the `SafetensorsFile` whose mapping it points into, or the
/// `Storage` that allocated it) keeps the memory alive for as long as any
/// copy of the weight exists.
struct Weight: @unchecked Sendable {
    /// The size of each axis.
    let shape: [Int]
    /// The elements, row-major.
    let buffer: UnsafeBufferPointer<Float>
    private let owner: AnyObject

    /// A weight over memory that `owner` keeps alive.
    init(shape: [Int], buffer: UnsafeBufferPointer<Float>, owner: AnyObject) {
        precondition(buffer.count == Tensor.elementCount(shape), "Weight of shape \(shape) over \(buffer.count) elements")
        self.shape = shape
        self.buffer = buffer
        self.owner = owner
    }

    /// A weight owning a copy of `values`.
    init(shape: [Int], values: [Float]) {
        let storage = Storage(values)
        self.init(shape: shape, buffer: UnsafeBufferPointer(start: storage.elements.baseAddress, count: values.count), owner: storage)
    }

    /// A weight owning a copy of `tensor`'s elements.
    init(_ tensor: Tensor) {
        self.init(shape: tensor.shape, values: tensor.storage)
    }

    /// The number of elements.
    var count: Int { buffer.count }

    /// Whether the elements are read from a mapped file rather than held in memory of their own.
    var isMapped: Bool { owner is SafetensorsFile }

    /// Calls `body` with the first element, the memory guaranteed alive for the call.
    func withPointer<Result>(_ body: (UnsafePointer<Float>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(owner) { try body(buffer.baseAddress!) }
    }

    /// Row `index` of a `[rows, columns]` weight, sharing its memory.
    func row(_ index: Int) -> Weight {
        precondition(shape.count == 2 && index >= 0 && index < shape[0], "Row \(index) is outside weight \(shape)")
        let columns = shape[1]
        let slice = UnsafeBufferPointer(rebasing: buffer[(index * columns)..<((index + 1) * columns)])
        return Weight(shape: [columns], buffer: slice, owner: owner)
    }

    /// Memory of its own for a converted weight, freed with the last weight using it.
    private final class Storage {
        let elements: UnsafeMutableBufferPointer<Float>

        init(_ values: [Float]) {
            // At least one element, so an empty weight still has a base address.
            elements = .allocate(capacity: max(values.count, 1))
            elements.initialize(repeating: 0)
            _ = elements.update(fromContentsOf: values)
        }

        deinit {
            elements.deallocate()
        }
    }
}
