import Foundation

/// An in-memory exact k-nearest-neighbour index over L2-normalised float32 vectors.
///
/// Rows live in one contiguous matrix (row-major, each row zero-padded to a multiple
/// of 64 floats), so a search is a single pass over memory with SIMD dot products,
/// split over the machine's cores, each keeping a bounded top-k heap. Removing a
/// vector moves the last row into its place, so the matrix never has holes.
///
/// Scores are plain dot products: they are cosine similarities only when the stored
/// vectors and the query are L2-normalised, which is the caller's job (mlib's
/// embeddings are normalised by the model head).
///
/// With ``VectorPrecision/float16`` or ``VectorPrecision/int8`` the index also keeps
/// a compact copy that a search scans first; the best ``rescoreFactor`` × k rows are
/// then re-scored exactly, so scores are always exact float32 dot products.
///
/// ```swift
/// let index = VectorIndex(dimension: 384, precision: .int8)
/// index.upsert(id: 7, vector: embedding)
/// let best = index.search(query, k: 10)   // [VectorMatch], best first
/// ```
///
/// Thread safety: every method may be called from any thread. One lock serialises
/// them: a search waits for a running upsert or remove and vice versa, and searches
/// run one at a time (each already uses every core). That is why the class is
/// `@unchecked Sendable`: all mutable state is read and written under `lock`.
///
/// Dimension mismatches are programming errors: ``upsert(id:vector:)`` and
/// ``search(_:k:filter:)`` stop the program with a precondition failure when a vector
/// does not have ``dimension`` elements.
public final class VectorIndex: @unchecked Sendable {
    /// The number of elements every vector has.
    public let dimension: Int
    /// The form a search scans; see ``VectorPrecision``.
    public let precision: VectorPrecision
    /// How many candidates per requested hit a compact scan keeps for exact re-scoring.
    public let rescoreFactor: Int

    let lock = NSLock()
    /// Row length in storage: `dimension` rounded up to 64, zero-padded.
    let stride: Int
    var ids: [Int64] = []
    var rowOf: [Int64: Int] = [:]
    var exact: [Float] = []
    /// Half-precision bit patterns, `stride` per row (``VectorPrecision/float16`` only).
    var halves: [UInt16] = []
    /// Quantised values biased by 128, `stride` per row (``VectorPrecision/int8`` only).
    var bytes: [UInt8] = []
    /// Per-row factor turning `bytes` back into floats (``VectorPrecision/int8`` only).
    var scales: [Float] = []

    /// Creates an empty index for vectors of `dimension` elements.
    ///
    /// - Parameters:
    ///   - dimension: the length of every vector; must be positive.
    ///   - precision: the form searches scan (default exact ``VectorPrecision/float32``).
    ///   - rescoreFactor: for compact forms, candidates re-scored per requested hit
    ///     (default 8; at least 1).
    public init(dimension: Int, precision: VectorPrecision = .float32, rescoreFactor: Int = 8) {
        precondition(dimension > 0, "VectorIndex: dimension must be positive, got \(dimension)")
        self.dimension = dimension
        self.precision = precision
        self.rescoreFactor = max(1, rescoreFactor)
        self.stride = VectorKernels.stride(for: dimension)
    }

    /// The number of vectors stored.
    public var count: Int {
        lock.withLock { ids.count }
    }

    /// Whether a vector is stored under `id`.
    public func contains(id: Int64) -> Bool {
        lock.withLock { rowOf[id] != nil }
    }

    /// Reserves room for `capacity` vectors, to avoid regrowing while loading many.
    public func reserveCapacity(_ capacity: Int) {
        lock.withLock {
            ids.reserveCapacity(capacity)
            rowOf.reserveCapacity(capacity)
            exact.reserveCapacity(capacity * stride)
            switch precision {
            case .float32: break
            case .float16: halves.reserveCapacity(capacity * stride)
            case .int8:
                bytes.reserveCapacity(capacity * stride)
                scales.reserveCapacity(capacity)
            }
        }
    }

    /// Stores `vector` under `id`, replacing any vector already stored under it.
    ///
    /// - Precondition: `vector.count == dimension`.
    public func upsert(id: Int64, vector: [Float]) {
        precondition(
            vector.count == dimension,
            "VectorIndex: vector for id \(id) has \(vector.count) elements, the index holds \(dimension)"
        )
        lock.withLock {
            if let row = rowOf[id] {
                write(vector, at: row)
            } else {
                rowOf[id] = ids.count
                ids.append(id)
                exact.append(contentsOf: repeatElement(0, count: stride))
                switch precision {
                case .float32: break
                case .float16: halves.append(contentsOf: repeatElement(0, count: stride))
                case .int8:
                    bytes.append(contentsOf: repeatElement(0, count: stride))
                    scales.append(0)
                }
                write(vector, at: ids.count - 1)
            }
        }
    }

    /// Removes the vector stored under `id`, if any.
    public func remove(id: Int64) {
        lock.withLock { removeLocked(id) }
    }

    /// Removes the vectors stored under `ids`; ids not stored are ignored.
    public func remove<S: Sequence>(ids: S) where S.Element == Int64 {
        lock.withLock {
            for id in ids { removeLocked(id) }
        }
    }

    /// Removes every vector.
    public func removeAll() {
        lock.withLock {
            ids.removeAll()
            rowOf.removeAll()
            exact.removeAll()
            halves.removeAll()
            bytes.removeAll()
            scales.removeAll()
        }
    }

    /// The stored vector for `id` (exact float32), or nil.
    public func vector(id: Int64) -> [Float]? {
        lock.withLock {
            guard let row = rowOf[id] else { return nil }
            return Array(exact[row * stride..<row * stride + dimension])
        }
    }

    private func write(_ vector: [Float], at row: Int) {
        let base = row * stride
        exact.withUnsafeMutableBufferPointer { rows in
            for index in 0..<dimension { rows[base + index] = vector[index] }
        }
        switch precision {
        case .float32:
            break
        case .float16:
            halves.withUnsafeMutableBufferPointer { rows in
                for index in 0..<dimension { rows[base + index] = VectorKernels.halfBits(vector[index]) }
            }
        case .int8:
            let (values, scale) = VectorKernels.int8Row(vector)
            scales[row] = scale
            bytes.withUnsafeMutableBufferPointer { rows in
                for index in 0..<dimension { rows[base + index] = values[index] }
            }
        }
    }

    private func removeLocked(_ id: Int64) {
        guard let row = rowOf.removeValue(forKey: id) else { return }
        let last = ids.count - 1
        if row != last {
            let moved = ids[last]
            ids[row] = moved
            rowOf[moved] = row
            Self.moveRow(in: &exact, from: last, to: row, stride: stride)
            switch precision {
            case .float32: break
            case .float16: Self.moveRow(in: &halves, from: last, to: row, stride: stride)
            case .int8:
                Self.moveRow(in: &bytes, from: last, to: row, stride: stride)
                scales[row] = scales[last]
            }
        }
        ids.removeLast()
        exact.removeLast(stride)
        switch precision {
        case .float32: break
        case .float16: halves.removeLast(stride)
        case .int8:
            bytes.removeLast(stride)
            scales.removeLast()
        }
    }

    private static func moveRow<Element>(in rows: inout [Element], from source: Int, to target: Int, stride: Int) {
        rows.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<stride { buffer[target * stride + index] = buffer[source * stride + index] }
        }
    }
}
