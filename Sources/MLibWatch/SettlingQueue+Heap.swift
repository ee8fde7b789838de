import MLibCore

extension SettlingQueue {
    /// One scheduled look at a path; stale once the path's generation moves on.
    struct Timer {
        var deadline: Instant
        var generation: UInt64
        var path: RawPath
    }

    /// A binary min-heap of timers by deadline, then by scheduling order.
    ///
    /// Rescheduling pushes a new timer and leaves the old one to be skipped when
    /// it surfaces, which keeps each event O(log n).
    struct TimerHeap {
        private(set) var items: [Timer] = []

        var count: Int { items.count }
        var first: Timer? { items.first }

        mutating func push(_ timer: Timer) {
            items.append(timer)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.precedes(items[child], items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        @discardableResult
        mutating func popFirst() -> Timer? {
            guard !items.isEmpty else { return nil }
            items.swapAt(0, items.count - 1)
            let top = items.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < items.count, Self.precedes(items[left], items[smallest]) { smallest = left }
                if right < items.count, Self.precedes(items[right], items[smallest]) { smallest = right }
                guard smallest != parent else { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
            return top
        }

        /// Replaces the contents, as when stale timers have piled up.
        mutating func rebuild(_ timers: [Timer]) {
            items = []
            items.reserveCapacity(timers.count)
            for timer in timers.sorted(by: Self.precedes) { items.append(timer) }
        }

        private static func precedes(_ a: Timer, _ b: Timer) -> Bool {
            a.deadline != b.deadline ? a.deadline < b.deadline : a.generation < b.generation
        }
    }
}
