#if canImport(Glibc)
import Glibc
#endif
import Foundation
public import Logging
import MLibCore
import MLibIngest
public import MLibStore


/// Keeps a library exactly in step with folders while it runs: `mlib watch`.
///
/// It first compares the folders with the library (what changed, appeared or
/// vanished since the last run), then follows them live. Three threads share the
/// work:
///
/// - the **event loop** (the caller's thread) reads inotify events, lets written
///   files settle, polls what inotify cannot watch, and writes the status file;
/// - the **ingest thread** takes changes from a bounded queue in batches and makes
///   the library agree with the disk there (`Indexer.apply`), reading files on a
///   pool sized to the cores, each batch of writes one transaction;
/// - the **embedding thread** gives new text its vectors after each batch.
///
/// Events only say where to look: every change is applied by reading the disk, so
/// repeated, stale or lost events (queue overflow, a crash) cost a rescan, never a
/// wrong index.
public final class WatchService {
    let library: Library
    let configuration: WatchConfiguration
    let logger: Logger
    private let queue: ChangeQueue
    private let board: ActivityBoard
    private let indexer: Indexer
    private let roots: Set<RawPath>
    private let unmounted = UnmountedFolders()

    /// One inotify instance for every root, so moves between roots pair up.
    private var watcher: TreeWatcher?
    private var settling: SettlingQueue<ContinuousClock.Instant>
    private var limitReported = false
    private var lastStatus: WatchStatus?
    /// Rescans ordered because inotify or the settling queue lost events.
    private var lostEventRescans = 0

    public init(library: Library, configuration: WatchConfiguration, logger: Logger) {
        self.library = library
        self.configuration = configuration
        self.logger = logger
        roots = Set(configuration.roots)
        queue = ChangeQueue(roots: configuration.roots, capacity: configuration.queueCapacity)
        indexer = Indexer(library: library, pictures: configuration.pictures)
        settling = SettlingQueue(quietPeriod: configuration.quietPeriod)
        board = ActivityBoard(
            WatchStatus(
                pid: getpid(), startedAt: Date(), roots: configuration.roots.map(\.string),
                mode: configuration.pollInterval == nil ? "inotify" : "poll", phase: .reconciling, queued: 0,
                settling: 0, watchedFolders: 0, polledFolders: 0, watchLimitReached: false, indexed: 0, moved: 0,
                removed: 0, failed: 0, embedded: 0, rescans: 0))
    }

    /// Watches until `shouldStop` returns true (checked several times a second),
    /// then finishes the batch in hand and returns.
    ///
    /// Throws when a root cannot be watched at the start.
    public func run(until shouldStop: @escaping @Sendable () -> Bool) throws(WatchError) {
        if configuration.pollInterval == nil {
            let watcher = try TreeWatcher(roots: configuration.roots)
            self.watcher = watcher
            reportWatchLimit(of: watcher)
        }
        logStart()
        queue.push(configuration.roots.map { .folder($0) })

        let embedWake = DispatchSemaphore(value: 0)
        let ingestDone = startThread(name: "mlib-ingest") { [queue, board, indexer, roots, unmounted, logger] in
            Self.ingestLoop(
                queue: queue, board: board, indexer: indexer, roots: roots, unmounted: unmounted, logger: logger,
                embedWake: embedWake, shouldStop: shouldStop)
        }
        let embedDone = startThread(name: "mlib-embed") { [board, logger, configuration] in
            Self.embeddingLoop(
                passes: configuration.embedding, board: board, logger: logger, wake: embedWake,
                shouldStop: shouldStop)
        }

        eventLoop(until: shouldStop)

        logger.info("stopping: finishing the batch in hand")
        board.setStopping()
        writeStatus(force: true)
        queue.close()
        ingestDone.wait()
        embedWake.signal()
        embedDone.wait()
        try? FileManager.default.removeItem(at: WatchStatus.fileURL(library: configuration.libraryPath))
        logger.info("stopped")
    }

    // MARK: - Event loop

    private func eventLoop(until shouldStop: @Sendable () -> Bool) {
        let clock = ContinuousClock()
        let fallback = configuration.pollInterval ?? configuration.fallbackPollInterval
        var nextPoll = clock.now.advanced(by: fallback)
        var nextStatus = clock.now
        while !shouldStop() {
            var wake = clock.now.advanced(by: .milliseconds(250))
            if let deadline = settling.nextDeadline(), deadline < wake { wake = deadline }
            if nextPoll < wake { wake = nextPoll }
            waitForEvents(until: wake, clock: clock)

            if let watcher {
                handle(watcher.next(timeout: .zero), now: clock.now)
                reportWatchLimit(of: watcher)
            }
            let ready = settling.due(at: clock.now) { path in
                if case .file(let state) = FileProbe.probe(path) { return state.size }
                return nil
            }
            queue.push(ready.map { .path($0) })
            if settling.isOverflowing {
                let dropped = settling.resetOverflow()
                logger.warning("\(dropped) changes arrived faster than files settle; rescanning the watched folders")
                queue.push(configuration.roots.map { .folder($0) })
                lostEventRescans += 1
            }
            if clock.now >= nextPoll {
                pollWhatInotifyMisses(now: clock.now)
                nextPoll = clock.now.advanced(by: fallback)
            }
            if clock.now >= nextStatus {
                writeStatus(force: false)
                nextStatus = clock.now.advanced(by: .seconds(1))
            }
        }
    }

    /// Sleeps until an inotify descriptor is readable or `deadline` passes.
    private func waitForEvents(until deadline: ContinuousClock.Instant, clock: ContinuousClock) {
        let remaining = max(.zero, deadline - clock.now)
        let milliseconds = Int32(clamping: Int(remaining.seconds * 1000) + 1)
        if let watcher {
            var descriptor = pollfd(fd: watcher.fileDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, milliseconds)
        } else {
            _ = poll(nil, 0, milliseconds)
        }
    }

    private func handle(_ changes: [FileChange], now: ContinuousClock.Instant) {
        var unmountedNow: [RawPath] = []
        defer {
            for folder in unmounted.add(unmountedNow) {
                logger.warning(
                    "\(folder.displayString) was unmounted; its items stay until it is mounted again or the folder is removed")
            }
        }
        for change in changes {
            logger.trace("inotify: \(change)")
            if isLibraryFile(change) { continue }
            switch change {
            case .written(let path):
                guard !IgnoreRules.isTemporaryOrHidden(name: path.lastComponent) else { continue }
                settling.noteWritten(path, size: Self.size(of: path), at: now)
            case .appeared(let path):
                guard !IgnoreRules.isTemporaryOrHidden(name: path.lastComponent) else { continue }
                settling.noteModified(path, size: Self.size(of: path), at: now)
            case .removed(let path):
                // Looked at after the quiet period, like a write: an editor that
                // deletes and rewrites, or renames the file to a backup name and
                // writes it anew, gets its item updated in place, not replaced.
                settling.noteWritten(path, size: 0, at: now)
            case .moved(let from, let to) where IgnoreRules.isTemporaryOrHidden(name: to.lastComponent):
                settling.noteRemoved(to)
                settling.noteWritten(from, size: 0, at: now)
            case .moved(let from, let to):
                settling.cancel(inside: from)
                queue.push([.move(from: from, to: to)])
            case .directoryAppeared(let folder):
                // Scanned once the copy that made it has had a moment; files closed
                // inside it meanwhile arrive as their own events.
                settling.noteWritten(folder, size: 0, at: now)
            case .directoryRemoved(let folder):
                settling.cancel(inside: folder)
                queue.push([.path(folder)])
            case .unmounted(let folder):
                settling.cancel(inside: folder)
                unmountedNow.append(folder)
            case .rulesChanged(let folder):
                logger.info("ignore rules changed in \(folder.displayString); rescanning it")
                queue.push([.folder(folder)])
            case .overflow:
                logger.warning("inotify lost events (queue overflow); rescanning the watched folders")
                queue.push(presentRoots.map { .folder($0) })
                lostEventRescans += 1
            case .rootGone(let gone):
                logger.warning(
                    "\(gone.displayString) was deleted, moved or unmounted; its items stay, and watching resumes when it is back")
                settling.cancel(inside: gone)
            }
        }
    }

    /// The roots not reported gone.
    private var presentRoots: [RawPath] {
        configuration.roots.filter { !(watcher?.goneRoots.contains($0) ?? false) }
    }

    /// Whether a change is the library writing its own files (it may live inside a
    /// watched folder): reacting would only make more writes.
    private func isLibraryFile(_ change: FileChange) -> Bool {
        guard let prefix = indexer.libraryFiles?.bytes else { return false }
        switch change {
        case .written(let path), .appeared(let path), .removed(let path):
            return path.bytes.starts(with: prefix)
        case .moved(let from, let to):
            return to.bytes.starts(with: prefix) && IgnoreRules.isTemporaryOrHidden(name: from.lastComponent)
        default:
            return false
        }
    }

    /// Polls folders inotify does not cover: all of them in poll mode, those past
    /// the watch limit otherwise; and looks for roots that went away.
    private func pollWhatInotifyMisses(now: ContinuousClock.Instant) {
        for root in watcher?.goneRoots ?? [] where FileProbe.probe(root) == .folder {
            do {
                try watcher?.rewatch(root)
                logger.info("\(root.displayString) is back; watching it again")
                queue.push([.folder(root)])
            } catch {
                logger.debug("\(root.displayString) is not watchable yet: \(error)")
            }
        }
        for folder in unmounted.all {
            if FileProbe.isAbsent(folder) {
                unmounted.remove(folder)
                logger.info("\(folder.displayString) is gone; its items leave")
                queue.push([.path(folder)])
            } else if MountTable.isMountPoint(folder) {
                unmounted.remove(folder)
                watcher?.watch(folder: folder)
                logger.info("\(folder.displayString) is mounted again; rescanning it")
                queue.push([.folder(folder)])
            }
        }
        var folders: [RawPath] = []
        if configuration.pollInterval != nil {
            folders = configuration.roots
        } else if let watcher, !watcher.unwatchedDirectories.isEmpty {
            folders = watcher.unwatchedDirectories.outermost()
            // Watches freed since (folders deleted, other programs done) are taken
            // up again; the folders are polled this once more to cover the gap.
            watcher.retryUnwatched(folders)
        }
        for folder in folders {
            let differences: Indexer.Differences
            do {
                differences = try indexer.differences(under: folder, roots: configuration.roots, keeping: unmounted.all)
            } catch {
                logger.error("cannot poll \(folder.displayString): \(error)")
                continue
            }
            for (path, size) in differences.changed {
                settling.noteModified(path, size: size, at: now)
            }
            queue.push(differences.gone.map { .path($0) })
        }
    }

    private func reportWatchLimit(of watcher: TreeWatcher) {
        guard watcher.watchLimitReached, !limitReported else { return }
        limitReported = true
        // The per-namespace value is the one in force (it equals the sysctl outside containers).
        let limit = ["/proc/sys/user/max_inotify_watches", "/proc/sys/fs/inotify/max_user_watches"].lazy
            .compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.first?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        logger.error(
            "the inotify watch limit ran out (fs.inotify.max_user_watches = \(limit)); \(watcher.unwatchedDirectories.count) folders under \(watcher.roots.map(\.displayString).joined(separator: ", ")) are polled every \(Int(configuration.fallbackPollInterval.seconds)) s instead. Raise it with: sudo sysctl fs.inotify.max_user_watches=524288"
        )
    }

    private func writeStatus(force: Bool) {
        let watched = watcher?.watchedDirectoryCount ?? 0
        let polled =
            configuration.pollInterval != nil
            ? configuration.roots.count : watcher?.unwatchedDirectories.count ?? 0
        let limit = watcher?.watchLimitReached ?? false
        let settlingCount = settling.count
        let queued = queue.count
        let rescans = lostEventRescans + queue.collapses
        board.update {
            $0.rescans = rescans
            $0.watchedFolders = watched
            $0.polledFolders = polled
            $0.watchLimitReached = limit
            $0.settling = settlingCount
            $0.queued = queued
        }
        // An idle watcher writes nothing: the disk may sleep.
        let status = board.snapshot
        guard force || status != lastStatus else { return }
        status.write(library: configuration.libraryPath)
        lastStatus = status
    }

    private func logStart() {
        let names = configuration.roots.map(\.displayString).joined(separator: ", ")
        if let interval = configuration.pollInterval {
            logger.info("polling \(names) every \(interval.seconds) s")
        } else {
            let folders = watcher?.watchedDirectoryCount ?? 0
            logger.info("watching \(names) (\(folders) folders with inotify)")
        }
    }

    private static func size(of path: RawPath) -> Int64 {
        if case .file(let state) = FileProbe.probe(path) { return state.size }
        return 0
    }

    // MARK: - Worker threads

    /// Starts a thread; the returned semaphore is signalled when it ends.
    private func startThread(name: String, _ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.name = name
        thread.start()
        return done
    }

    private static func ingestLoop(
        queue: ChangeQueue, board: ActivityBoard, indexer: Indexer, roots: Set<RawPath>, unmounted: UnmountedFolders,
        logger: Logger, embedWake: DispatchSemaphore, shouldStop: @Sendable () -> Bool
    ) {
        while !shouldStop() {
            let batch = queue.take(limit: 256, timeout: .milliseconds(500))
            guard !batch.isEmpty else {
                board.setIngest(nil)
                continue
            }
            let rescanning = batch.contains { if case .folder = $0 { true } else { false } }
            board.setIngest(rescanning ? .reconciling : .indexing)
            do {
                // A rescan may touch the whole tree: its files are logged at debug
                // level and summed up in one line, so the journal is not flooded.
                let summary = try indexer.apply(batch, roots: roots, keeping: unmounted.all, isCancelled: shouldStop) { event in
                    log(event, level: rescanning ? .debug : .info, logger: logger, board: board)
                }
                let progress = summary.progress
                if progress.processed > 0 || progress.moved > 0 { embedWake.signal() }
                if rescanning { logRescan(of: batch, progress, logger: logger) }
            } catch {
                // The library could not be written (disk full, file gone): the
                // changes go back, and are tried again after a pause.
                logger.error("\(error); retrying in 5 s")
                queue.push(batch)
                Thread.sleep(forTimeInterval: 5)
            }
            if queue.count == 0 { board.setIngest(nil) }
        }
        board.setIngest(nil)
    }

    private static func logRescan(of batch: [Reconciliation], _ progress: IndexProgress, logger: Logger) {
        let folders = batch.compactMap { change -> String? in
            if case .folder(let folder) = change { folder.displayString } else { nil }
        }
        var parts = ["\(progress.found) files", "\(progress.added) new", "\(progress.updated) changed"]
        if progress.moved > 0 { parts.append("\(progress.moved) moved") }
        if progress.removed > 0 { parts.append("\(progress.removed) removed") }
        if progress.failed > 0 { parts.append("\(progress.failed) failed") }
        logger.info(
            "scanned \(folders.joined(separator: ", ")): \(parts.joined(separator: ", ")) in \(String(format: "%.2f", progress.elapsed)) s")
    }

    private static func log(_ event: IndexEvent, level: Logger.Level, logger: Logger, board: ActivityBoard) {
        let line: String
        let count: WritableKeyPath<WatchStatus, Int>
        switch event {
        case .indexed(let path, let kind):
            (line, count) = ("indexed \(kind.rawValue) \(path.displayString)", \.indexed)
        case .updated(let path, let kind):
            (line, count) = ("updated \(kind.rawValue) \(path.displayString)", \.indexed)
        case .moved(let from, let to):
            (line, count) = ("moved \(from.displayString) -> \(to.displayString)", \.moved)
        case .removed(let path):
            (line, count) = ("removed \(path.displayString)", \.removed)
        case .failed(_, let reason):
            (line, count) = ("failed \(reason)", \.failed)
        }
        board.update {
            $0[keyPath: count] += 1
            $0.lastEvent = line
            $0.lastEventAt = Date()
        }
        if case .failed = event { logger.warning("\(line)") } else { logger.log(level: level, "\(line)") }
    }

    private static func embeddingLoop(
        passes: [any ModelPass], board: ActivityBoard, logger: Logger,
        wake: DispatchSemaphore, shouldStop: @Sendable () -> Bool
    ) {
        guard !passes.isEmpty else {
            while !shouldStop() { _ = wake.wait(timeout: .now() + 0.5) }
            return
        }
        var verify = true  // the first pass checks stored vectors for damage
        var pending = true  // the first pass catches up with whatever the last run left
        // Vector stores are brought up to date once the watcher is quiet, not after every
        // batch: at 100,000 notes that rewrites ~500 MB.
        var storesBehind = false
        while !shouldStop() {
            if !pending {
                pending = wake.wait(timeout: .now() + 0.5) == .success
                if !pending, storesBehind {
                    storesBehind = false
                    for pass in passes {
                        do {
                            try pass.refreshStore()
                        } catch {
                            logger.error("cannot update the vector store of \(pass.model.name): \(error)")
                        }
                    }
                }
                continue
            }
            while wake.wait(timeout: .now()) == .success {}  // one pass serves every wake so far
            pending = false
            board.setEmbedding(true)
            for pass in passes {
                let name = pass.model.name
                do {
                    let done = try pass.run(
                        verify: verify, refreshStore: false, isCancelled: shouldStop,
                        waiting: { logger.info("waiting for another mlib process embedding with \(name) in this library") })
                    if done.repaired > 0 {
                        logger.warning("\(done.repaired) damaged vectors of \(name) deleted; their passages are embedded again")
                    }
                    if done.done + done.outdated > 0 {
                        let outdated = done.outdated > 0 ? "; \(done.outdated) changed meanwhile, left for the next pass" : ""
                        logger.info("embedded \(done.done) passages with \(name) (\(done.cached) windows from cache\(outdated))")
                        board.update { $0.embedded += done.done }
                    }
                } catch {
                    logger.error("cannot embed with \(name): \(error); trying again after the next change")
                }
            }
            verify = false
            storesBehind = true
            board.setEmbedding(false)
        }
    }
}
