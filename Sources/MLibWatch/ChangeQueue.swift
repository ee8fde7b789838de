import Foundation
import MLibCore
import Synchronization

/// The bounded queue between the watcher's events and ingest, one entry per place.
///
/// The event loop pushes; the ingest thread takes batches. A change already waiting
/// is not queued twice. When more than `capacity` changes wait, the queue gives up
/// on details and holds one rescan of each watched root instead: memory stays
/// bounded however many files land at once, and nothing is lost, since a rescan
/// compares the whole tree with the library.
final class ChangeQueue: Sendable {
    private struct State {
        var order: [Reconciliation] = []
        var head = 0
        var waiting: Set<Reconciliation> = []
        var closed = false
        var collapses = 0
    }

    let capacity: Int
    private let roots: [RawPath]
    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)

    init(roots: [RawPath], capacity: Int = 20_000) {
        self.roots = roots
        self.capacity = max(capacity, roots.count + 1)
    }

    /// How many changes wait.
    var count: Int { state.withLock { $0.waiting.count } }

    /// How many times the queue overflowed into whole-tree rescans.
    var collapses: Int { state.withLock { $0.collapses } }

    func push(_ changes: [Reconciliation]) {
        guard !changes.isEmpty else { return }
        state.withLock { state in
            for change in changes {
                if case .move(let from, _) = change, state.waiting.remove(.path(from)) != nil {
                    // The move looks at `from` itself; a separate look first would
                    // drop the item before the move could keep it.
                    if let index = state.order[state.head...].firstIndex(of: .path(from)) {
                        state.order.remove(at: index)
                    }
                }
                guard state.waiting.insert(change).inserted else { continue }
                state.order.append(change)
            }
            if state.waiting.count > capacity {
                state.order = roots.map { .folder($0) }
                state.head = 0
                state.waiting = Set(state.order)
                state.collapses += 1
            }
        }
        wakeup.signal()
    }

    /// Up to `limit` changes in the order they came; waits up to `timeout` for the
    /// first. Returns an empty array on timeout or once closed.
    func take(limit: Int, timeout: Duration) -> [Reconciliation] {
        if let batch = takeNow(limit: limit) { return batch }
        _ = wakeup.wait(timeout: .now() + timeout.seconds)
        return takeNow(limit: limit) ?? []
    }

    /// Stops handing out changes; a waiting `take` returns.
    func close() {
        state.withLock { $0.closed = true }
        wakeup.signal()
    }

    private func takeNow(limit: Int) -> [Reconciliation]? {
        state.withLock { state in
            guard !state.closed, state.head < state.order.count else { return nil }
            let end = min(state.head + limit, state.order.count)
            let batch = Array(state.order[state.head..<end])
            state.head = end
            for change in batch { state.waiting.remove(change) }
            if state.head > 4096, state.head * 2 > state.order.count {
                state.order.removeFirst(state.head)
                state.head = 0
            }
            return batch
        }
    }
}
