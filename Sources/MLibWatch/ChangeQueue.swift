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
        /// Changes in arrival order from `head`; nil where one was withdrawn.
        var order: [Reconciliation?] = []
        var head = 0
        /// Entries dropped from the front of `order` so far: an entry's number
        /// minus this is its index.
        var dropped = 0
        /// Each waiting change and its entry's number.
        var waiting: [Reconciliation: Int] = [:]
        var closed = false
        var collapses = 0

        mutating func append(_ change: Reconciliation) {
            guard waiting[change] == nil else { return }
            waiting[change] = dropped + order.count
            order.append(change)
        }

        mutating func withdraw(_ change: Reconciliation) {
            guard let number = waiting.removeValue(forKey: change) else { return }
            order[number - dropped] = nil
        }
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
                // The move looks at `from` itself; a separate look first would drop
                // the item before the move could keep it.
                if case .move(let from, _) = change { state.withdraw(.path(from)) }
                state.append(change)
            }
            if state.waiting.count > capacity {
                state = State(closed: state.closed, collapses: state.collapses + 1)
                for root in roots { state.append(.folder(root)) }
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
            guard !state.closed else { return nil }
            var batch: [Reconciliation] = []
            while batch.count < limit, state.head < state.order.count {
                if let change = state.order[state.head] {
                    batch.append(change)
                    state.waiting[change] = nil
                }
                state.head += 1
            }
            if state.head > 4096, state.head * 2 > state.order.count {
                state.order.removeFirst(state.head)
                state.dropped += state.head
                state.head = 0
            }
            return batch.isEmpty ? nil : batch
        }
    }
}
