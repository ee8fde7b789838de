public import MLibCore

/// Decides when a changed file is complete, so it is ingested once and never half-written.
///
/// The watcher tells the queue what it sees and asks it, when a timer fires, which
/// paths are ready:
///
/// - ``noteWritten(_:size:at:)`` for a close after writing (`IN_CLOSE_WRITE`, or a
///   file moved in): ready after ``quietPeriod`` without further events; another
///   write restarts the wait.
/// - ``noteModified(_:size:at:)`` for a file changing without a close (downloads,
///   network copies): ready once its size has stayed the same over ``stablePolls``
///   polls spaced ``pollInterval`` apart; any change in size starts over.
/// - ``noteRemoved(_:)`` cancels, as does ``cancel(inside:)`` for a whole folder.
///
/// Events for one path collapse into one entry, so a burst of writes yields one
/// ingest. ``due(at:sizeOf:)`` hands out ready paths oldest first (in the order
/// they were first noted) and forgets them.
///
/// The queue is bounded by ``capacity``. When full, events for paths not already
/// queued are dropped and counted in ``dropped``, and ``isOverflowing`` turns on:
/// the caller should rescan the tree and then ``resetOverflow()``. Memory stays
/// bounded however many files land at once.
///
/// Time is whatever instant the caller's clock gives (`ContinuousClock.Instant` in
/// the watcher, a manual instant in tests); the queue never reads a clock itself.
///
/// Not thread-safe: the watcher actor owns its queue and only touches it from its
/// own executor.
public struct SettlingQueue<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// How long a closed file must go without events before it is ready.
    public let quietPeriod: Duration
    /// How far apart size polls of a file written without a close are.
    public let pollInterval: Duration
    /// How many polls in a row must see the same size.
    public let stablePolls: Int
    /// How many paths may wait at once.
    public let capacity: Int

    /// Whether events were dropped because the queue was full since the last reset.
    public private(set) var isOverflowing = false
    /// How many events for new paths were dropped since the last reset.
    public private(set) var dropped = 0

    private var entries: [RawPath: Entry] = [:]
    private var timers = TimerHeap()
    private var nextGeneration: UInt64 = 0
    private var nextArrival: UInt64 = 0

    public init(
        quietPeriod: Duration = .milliseconds(300),
        pollInterval: Duration = .seconds(1),
        stablePolls: Int = 2,
        capacity: Int = 100_000
    ) {
        precondition(pollInterval > .zero, "a zero poll interval would poll forever")
        precondition(stablePolls >= 1 && capacity >= 1)
        self.quietPeriod = quietPeriod
        self.pollInterval = pollInterval
        self.stablePolls = stablePolls
        self.capacity = capacity
    }

    /// How many paths are waiting.
    public var count: Int { entries.count }

    public var isEmpty: Bool { entries.isEmpty }

    /// Whether `path` is waiting to settle.
    public func contains(_ path: RawPath) -> Bool { entries[path] != nil }

    /// The earliest time something may be due; nil when nothing waits.
    public func nextDeadline() -> Instant? { timers.first?.deadline }

    /// Notes that `path` was closed after writing; it is ready after a quiet period.
    ///
    /// Returns false when the queue was full and the event was dropped.
    @discardableResult
    public mutating func noteWritten(_ path: RawPath, size: Int64, at now: Instant) -> Bool {
        upsert(path, mode: .closed, size: size, deadline: now.advanced(by: quietPeriod)) { entry in
            entry.mode = .closed
            entry.size = size
            entry.stableCount = 0
        }
    }

    /// Notes that `path` changed without a close; it is ready once its size holds still.
    ///
    /// A report with an unchanged size does not delay polling, so a writer that
    /// touches the file without growing it still lets it settle.
    ///
    /// Returns false when the queue was full and the event was dropped.
    @discardableResult
    public mutating func noteModified(_ path: RawPath, size: Int64, at now: Instant) -> Bool {
        if let entry = entries[path], entry.mode == .growing, entry.size == size { return true }
        return upsert(path, mode: .growing, size: size, deadline: now.advanced(by: pollInterval)) { entry in
            entry.mode = .growing
            entry.size = size
            entry.stableCount = 0
        }
    }

    /// Forgets `path`: it was deleted or moved away before it settled.
    public mutating func noteRemoved(_ path: RawPath) {
        entries[path] = nil
        pruneTimers()
    }

    /// Forgets every waiting path in `folder` or below it, as when the folder goes.
    public mutating func cancel(inside folder: RawPath) {
        entries = entries.filter { !$0.key.isInside(folder) }
        pruneTimers()
    }

    /// Returns the paths that are ready at `now`, oldest first, and forgets them.
    ///
    /// Files written without a close whose poll is due are measured with `sizeOf`;
    /// nil means the file is gone, and it is forgotten.
    public mutating func due(at now: Instant, sizeOf: (RawPath) -> Int64?) -> [RawPath] {
        var ready: [(arrival: UInt64, path: RawPath)] = []
        var polledAgain: [RawPath] = []
        while let timer = timers.first, timer.deadline <= now {
            timers.popFirst()
            guard var entry = entries[timer.path], entry.generation == timer.generation else { continue }
            switch entry.mode {
            case .closed:
                ready.append((entry.arrival, timer.path))
                entries[timer.path] = nil
            case .growing:
                guard let size = sizeOf(timer.path) else {
                    entries[timer.path] = nil
                    continue
                }
                if size == entry.size {
                    entry.stableCount += 1
                } else {
                    entry.size = size
                    entry.stableCount = 0
                }
                if entry.stableCount >= stablePolls {
                    ready.append((entry.arrival, timer.path))
                    entries[timer.path] = nil
                } else {
                    entries[timer.path] = entry
                    polledAgain.append(timer.path)
                }
            }
        }
        // Scheduled after the loop so a poll due now cannot be taken twice in one call.
        for path in polledAgain {
            schedule(path, deadline: now.advanced(by: pollInterval))
        }
        pruneTimers()
        return ready.sorted { $0.arrival < $1.arrival }.map(\.path)
    }

    /// Clears the overflow state after the caller has rescanned; returns how many
    /// events were dropped.
    @discardableResult
    public mutating func resetOverflow() -> Int {
        defer {
            isOverflowing = false
            dropped = 0
        }
        return dropped
    }

    private mutating func upsert(
        _ path: RawPath, mode: Mode, size: Int64, deadline: Instant, update: (inout Entry) -> Void
    ) -> Bool {
        if var entry = entries[path] {
            update(&entry)
            entries[path] = entry
        } else {
            guard entries.count < capacity else {
                isOverflowing = true
                dropped += 1
                return false
            }
            entries[path] = Entry(mode: mode, size: size, stableCount: 0, arrival: nextArrival, generation: 0)
            nextArrival += 1
        }
        schedule(path, deadline: deadline)
        pruneTimers()
        return true
    }

    private mutating func schedule(_ path: RawPath, deadline: Instant) {
        nextGeneration += 1
        entries[path]?.generation = nextGeneration
        timers.push(Timer(deadline: deadline, generation: nextGeneration, path: path))
    }

    /// Drops stale timers at the top, so `nextDeadline()` is exact, and rebuilds
    /// the heap when stale ones outnumber live ones, so memory stays bounded.
    private mutating func pruneTimers() {
        while let top = timers.first, entries[top.path]?.generation != top.generation {
            timers.popFirst()
        }
        if timers.count > 2 * entries.count + 64 {
            timers.rebuild(timers.items.filter { entries[$0.path]?.generation == $0.generation })
        }
    }
}

extension SettlingQueue {
    enum Mode {
        case closed
        case growing
    }

    /// What the queue knows about one waiting path.
    struct Entry {
        var mode: Mode
        var size: Int64
        var stableCount: Int
        /// When the path was first noted, for oldest-first order.
        var arrival: UInt64
        /// The live timer's generation; older timers for the path are stale.
        var generation: UInt64
    }
}
