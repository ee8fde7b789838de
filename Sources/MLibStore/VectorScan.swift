import Dispatch
import Foundation

/// Splits a scan over rows across the machine's cores.
enum VectorScan {
    /// Runs `scan` over contiguous slices of `0..<rows` on all cores and merges the
    /// per-slice heaps.
    ///
    /// Slices outnumber cores so that a core slowed by other work does not hold the
    /// whole search back.
    @inline(__always)
    static func parallelTopK(
        rows: Int,
        capacity: Int,
        _ scan: (Range<Int>, inout VectorTopK) -> Void
    ) -> VectorTopK {
        let minimumSlice = 16_384
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let slices = max(1, min(cores * 4, rows / minimumSlice))
        if slices == 1 {
            var heap = VectorTopK(capacity: capacity)
            scan(0..<rows, &heap)
            return heap
        }
        let heaps = UnsafeMutableBufferPointer<VectorTopK>.allocate(capacity: slices)
        heaps.initialize(repeating: VectorTopK(capacity: capacity))
        defer {
            heaps.deinitialize()
            heaps.deallocate()
        }
        withoutActuallyEscaping(scan) { scan in
            // Each slice writes only its own heap, and the buffers the scan reads stay
            // valid until concurrentPerform returns: sharing them across threads is safe.
            let shared = UncheckedSendable(value: (scan: scan, heaps: heaps))
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let lower = rows * slice / slices
                let upper = rows * (slice + 1) / slices
                shared.value.scan(lower..<upper, &shared.value.heaps[slice])
            }
        }
        var merged = VectorTopK(capacity: capacity)
        for heap in heaps {
            for (score, key) in zip(heap.scores, heap.keys) {
                merged.insert(score, key: key)
            }
        }
        return merged
    }
}

/// Hands a value to `concurrentPerform` when the caller guarantees the threads use it
/// safely (disjoint writes, reads of memory that outlives the call).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
