import Dispatch
import Foundation

extension VectorIndex {
    /// The `k` stored vectors with the highest dot product with `query`, best first.
    ///
    /// Equal scores are ordered by ascending id, so results are deterministic. With a
    /// compact ``precision`` the candidates come from the approximate scan and their
    /// scores are then computed exactly; see ``VectorPrecision``.
    ///
    /// - Parameters:
    ///   - query: a vector of ``dimension`` elements (normalised, for cosine scores).
    ///   - k: how many matches to return at most; `k ≤ 0` returns none.
    ///   - filter: when given, only ids it accepts are returned. It is called only for
    ///     rows that score well enough to enter the running top k, from several
    ///     threads at once, and must not call back into this index.
    /// - Precondition: `query.count == dimension`.
    public func search(_ query: [Float], k: Int, filter: (@Sendable (Int64) -> Bool)? = nil) -> [VectorMatch] {
        let padded = padded(query)
        guard k > 0 else { return [] }
        return lock.withLock {
            guard !ids.isEmpty else { return [] }
            switch precision {
            case .float32:
                return exactScan(padded, k: k, filter: filter)
            case .float16, .int8:
                let candidates = compactScan(padded, count: min(ids.count, k * rescoreFactor), filter: filter)
                return rescore(padded, rows: candidates, k: k)
            }
        }
    }

    /// The exact float32 top `k`, whatever ``precision`` the index scans.
    ///
    /// For measuring a compact form's recall against exact search, and for callers
    /// that need exact ranking on one query. Same ordering, filter and preconditions
    /// as ``search(_:k:filter:)``.
    public func exactSearch(_ query: [Float], k: Int, filter: (@Sendable (Int64) -> Bool)? = nil) -> [VectorMatch] {
        let padded = padded(query)
        guard k > 0 else { return [] }
        return lock.withLock {
            guard !ids.isEmpty else { return [] }
            return exactScan(padded, k: k, filter: filter)
        }
    }

    /// The query laid out like a row: zero-padded to the row stride.
    private func padded(_ query: [Float]) -> [Float] {
        precondition(
            query.count == dimension,
            "VectorIndex: query has \(query.count) elements, the index holds \(dimension)"
        )
        var padded = [Float](repeating: 0, count: stride)
        for index in 0..<dimension { padded[index] = query[index] }
        return padded
    }

    /// Scans every exact row; keys in the heaps are ids.
    private func exactScan(_ query: [Float], k: Int, filter: (@Sendable (Int64) -> Bool)?) -> [VectorMatch] {
        let rowBytes = stride * MemoryLayout<Float>.stride
        let heap = exact.withUnsafeBytes { rows in
            query.withUnsafeBytes { query in
                ids.withUnsafeBufferPointer { ids in
                    VectorScan.parallelTopK(rows: ids.count, capacity: k) { range, heap in
                        for row in range {
                            let score = VectorKernels.dot(rows.baseAddress! + row &* rowBytes, query.baseAddress!, stride: stride)
                            let id = ids[row]
                            if heap.admits(score, key: id), filter?(id) ?? true {
                                heap.insert(score, key: id)
                            }
                        }
                    }
                }
            }
        }
        return heap.sorted().map { VectorMatch(id: $0.key, score: $0.score) }
    }

    /// Scans the compact rows and returns the best `count` row numbers.
    private func compactScan(_ query: [Float], count: Int, filter: (@Sendable (Int64) -> Bool)?) -> [Int] {
        let heap: VectorTopK
        switch precision {
        case .float32:
            preconditionFailure("compactScan needs a compact precision")
        case .float16:
            let scaled = VectorKernels.halfQuery(query)
            let rowBytes = stride * MemoryLayout<UInt16>.stride
            heap = halves.withUnsafeBytes { rows in
                scaled.withUnsafeBytes { query in
                    ids.withUnsafeBufferPointer { ids in
                        VectorScan.parallelTopK(rows: ids.count, capacity: count) { range, heap in
                            for row in range {
                                let score = VectorKernels.dot(half: rows.baseAddress! + row &* rowBytes, query.baseAddress!, stride: stride)
                                if heap.admits(score, key: Int64(row)), filter?(ids[row]) ?? true {
                                    heap.insert(score, key: Int64(row))
                                }
                            }
                        }
                    }
                }
            }
        case .int8:
            let (quantised, queryScale, bias) = VectorKernels.int8Query(query)
            heap = bytes.withUnsafeBytes { rows in
                quantised.withUnsafeBytes { query in
                    scales.withUnsafeBufferPointer { scales in
                        ids.withUnsafeBufferPointer { ids in
                            VectorScan.parallelTopK(rows: ids.count, capacity: count) { range, heap in
                                for row in range {
                                    let dot = VectorKernels.dot(int8: rows.baseAddress! + row &* stride, query.baseAddress!, stride: stride)
                                    let score = Float(dot &- bias) * scales[row] * queryScale
                                    if heap.admits(score, key: Int64(row)), filter?(ids[row]) ?? true {
                                        heap.insert(score, key: Int64(row))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return heap.keys.map { Int($0) }
    }

    /// Exact scores for candidate rows, best `k` first.
    private func rescore(_ query: [Float], rows: [Int], k: Int) -> [VectorMatch] {
        let rowBytes = stride * MemoryLayout<Float>.stride
        var heap = VectorTopK(capacity: k)
        exact.withUnsafeBytes { matrix in
            query.withUnsafeBytes { query in
                for row in rows {
                    let score = VectorKernels.dot(matrix.baseAddress! + row * rowBytes, query.baseAddress!, stride: stride)
                    heap.insert(score, key: ids[row])
                }
            }
        }
        return heap.sorted().map { VectorMatch(id: $0.key, score: $0.score) }
    }
}
