import Foundation
public import MLibCore
import MLibMedia
public import MLibStore
import MLibWatch
import Synchronization

/// Brings the library in line with folders on disk: new and changed files are read
/// and stored, unchanged ones skipped, moved ones keep their item id, and files gone
/// from a scanned folder leave the library.
///
/// Files are read on a pool of worker threads sized to the machine; each batch is
/// written in one transaction, so a crash loses at most the batch in flight.
///
/// ```swift
/// let summary = try Indexer(library: library).run(roots: [RawPath("/home/ana/Media")]) { progress in
///     print(progress.processed, "of", progress.toProcess)
/// }
/// ```
public struct Indexer: Sendable {
    public let library: Library
    let extractor: MediaExtractor
    let workers: Int
    let batchSize: Int
    /// The library file's own path: it and the files beside it that share its name
    /// (`-wal`, `-shm`, the watcher's status and lock) are never indexed, even when
    /// the library lives inside a scanned folder.
    let libraryFiles: RawPath?
    /// Files of no type mlib indexes, seen by this indexer.
    let skipped = SkippedFiles()

    /// - Parameter workers: threads reading files; nil sizes the pool to the cores.
    public init(library: Library, workers: Int? = nil, batchSize: Int = 64) {
        self.library = library
        self.extractor = MediaExtractor()
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.batchSize = max(1, batchSize)
        let file = RawPath(library.path)
        libraryFiles = (try? PathResolver.absolute(file.parent)).map { $0.appending(component: file.lastComponent) }
    }

    /// Indexes `roots` (files or folders) and reports progress after every batch.
    ///
    /// A root that cannot be examined is reported in the summary and its stored
    /// items are kept (an unmounted disk must not empty the library).
    public func run(
        roots: [RawPath], progress report: (IndexProgress) -> Void = { _ in }
    ) throws(LibraryError) -> IndexSummary {
        var summary = IndexSummary()
        var plan = IndexPlan(excluding: libraryFiles, skipped: skipped)
        for root in roots {
            let absolute: RawPath
            do {
                absolute = try PathResolver.absolute(root)
            } catch {
                summary.rootErrors.append(error)
                continue
            }
            let stored = try library.storedFiles(under: absolute)
            do {
                try plan.add(root: absolute, stored: stored, walker: DirectoryWalker())
            } catch {
                summary.rootErrors.append(error)
            }
        }
        try execute(&plan, summary: &summary, progress: report, isCancelled: { false }, events: { _ in })
        return summary
    }

    /// Makes the library agree with the disk at the places the watcher names.
    ///
    /// Renamed files and folders keep their items without being read again (only
    /// their name words change); new and changed files are read; items whose files
    /// are gone leave, unless a new file is one of them moved (same content). A
    /// missing folder in `roots` keeps its items, as in `run(roots:)`: a watched
    /// disk that is unmounted must not empty the library.
    ///
    /// `isCancelled` is asked between batches; a cancelled run stops there, before
    /// removing anything, and leaves the rest to the next reconcile.
    public func apply(
        _ changes: [Reconciliation], roots: Set<RawPath>, isCancelled: () -> Bool = { false },
        events: (IndexEvent) -> Void = { _ in }
    ) throws(LibraryError) -> IndexSummary {
        var summary = IndexSummary()
        var plan = IndexPlan(excluding: libraryFiles, skipped: skipped)
        let walker = DirectoryWalker()
        for change in changes {
            switch change {
            case .path(let path):
                if DirectoryWalker.sidecarExtensions.contains(path.pathExtension) {
                    for owner in try library.storedFiles(under: path.parent) where owner.path.isDescribed(by: path) {
                        plan.addRereading(owner)
                    }
                }
                plan.add(path: path, stored: try library.storedFiles(under: path), walker: walker)
            case .folder(let folder):
                if roots.contains(folder), case .missing = FileProbe.probe(folder) { continue }
                plan.add(path: folder, stored: try library.storedFiles(under: folder), walker: walker)
            case .move(let from, let to):
                try relocate(from: from, to: to, events: events)
                plan.add(path: from, stored: try library.storedFiles(under: from), walker: walker)
                // A `to` gone again was moved on or deleted: the events for that follow.
                if FileProbe.probe(to) != .missing {
                    plan.add(path: to, stored: try library.storedFiles(under: to), walker: walker)
                }
            }
        }
        try execute(&plan, summary: &summary, progress: { _ in }, isCancelled: isCancelled, events: events)
        return summary
    }

    /// Files under a folder that differ from the library, found without reading them.
    public struct Differences: Sendable {
        /// New or changed files, with their sizes.
        public var changed: [(path: RawPath, size: Int64)] = []
        /// Paths of stored items whose files are gone.
        public var gone: [RawPath] = []
    }

    /// What differs under `folder` between the disk and the library, for polling:
    /// the caller lets changed files settle before applying them.
    public func differences(under folder: RawPath) throws(LibraryError) -> Differences {
        var plan = IndexPlan(excluding: libraryFiles, skipped: skipped)
        plan.add(path: folder, stored: try library.storedFiles(under: folder), walker: DirectoryWalker())
        var differences = Differences()
        differences.changed = plan.work.map { ($0.path, $0.state.size) }
        differences.gone = plan.missing.values.map(\.path)
        return differences
    }

    /// Gives the items at or under `from` their paths under `to`, once `from` is gone.
    ///
    /// `to` itself may be gone again already (renamed twice, or its folder moved
    /// on): the item follows the events, and the later ones carry it further.
    private func relocate(from: RawPath, to: RawPath, events: (IndexEvent) -> Void) throws(LibraryError) {
        guard FileProbe.isAbsent(from) else { return }
        let relocations = try library.storedFiles(under: from).map { item in
            let moved = RawPath(bytes: to.bytes + item.path.bytes.dropFirst(from.bytes.count))
            return ItemRelocation(itemID: item.itemID, path: moved, nameWords: NameWords.words(for: moved))
        }
        try library.relocate(relocations)
        if !relocations.isEmpty { events(.moved(from: from, to: to)) }
    }

    /// Reads the plan's files in batches, writes each batch in one transaction, and
    /// removes the items left missing.
    private func execute(
        _ plan: inout IndexPlan, summary: inout IndexSummary, progress report: (IndexProgress) -> Void,
        isCancelled: () -> Bool, events: (IndexEvent) -> Void
    ) throws(LibraryError) {
        let clock = ContinuousClock.now
        var progress = IndexProgress()
        progress.found = plan.found
        progress.unchanged = plan.unchanged
        progress.stillFailing = plan.stillFailing
        progress.skipped = plan.knownSkipped
        progress.toProcess = plan.work.count
        report(progress)

        var missingByHash = plan.missingByHash()
        for start in stride(from: 0, to: plan.work.count, by: batchSize) {
            if isCancelled() {
                summary.progress = progress
                return
            }
            let batch = Array(plan.work[start..<min(start + batchSize, plan.work.count)])
            let outcomes = read(batch)
            var records: [IndexRecord] = []
            var batchEvents: [IndexEvent] = []
            for (job, outcome) in zip(batch, outcomes) {
                guard var record = outcome else {
                    skipped.insert(job.path, state: job.state)
                    progress.skipped += 1
                    continue
                }
                if job.storedID == nil, let hash = record.contentHash, let movedID = missingByHash[hash]?.popLast() {
                    record.continuesItemID = movedID
                    if let old = plan.missing.removeValue(forKey: movedID) {
                        batchEvents.append(.moved(from: old.path, to: record.path))
                    }
                    progress.moved += 1
                } else if job.storedID == nil {
                    progress.added += 1
                } else {
                    progress.updated += 1
                }
                switch record.outcome {
                case .indexed(let extraction):
                    progress.byKind[extraction.kind, default: 0] += 1
                    if record.continuesItemID == nil {
                        batchEvents.append(
                            job.storedID == nil ? .indexed(record.path, extraction.kind) : .updated(record.path, extraction.kind))
                    }
                case .failed(let code, let reason, _):
                    progress.failed += 1
                    summary.failures.append(IndexFailure(path: record.path, code: code, reason: reason))
                    batchEvents.append(.failed(record.path, reason: reason))
                }
                records.append(record)
            }
            try library.write(records)
            batchEvents.forEach(events)
            progress.processed += batch.count
            progress.elapsed = (ContinuousClock.now - clock).seconds
            report(progress)
        }

        try library.removeItems(ids: Array(plan.missing.keys))
        for file in plan.missing.values { events(.removed(file.path)) }
        progress.removed = plan.missing.count
        progress.elapsed = (ContinuousClock.now - clock).seconds
        summary.progress = progress
        report(progress)
    }

    /// Reads a batch on the worker pool; nil marks a file that is not ours to index.
    private func read(_ batch: [IndexJob]) -> [IndexRecord?] {
        let results = Mutex([IndexRecord?](repeating: nil, count: batch.count))
        let extractor = self.extractor
        DispatchQueue.concurrentPerform(iterations: min(workers, batch.count)) { worker in
            for index in stride(from: worker, to: batch.count, by: workers) {
                let record = FileReader.record(for: batch[index], extractor: extractor)
                results.withLock { $0[index] = record }
            }
        }
        return results.withLock { $0 }
    }
}

extension RawPath {
    /// Whether `sidecar` (`photo.xmp`, `photo.jpg.xmp`, `clip.en.srt`) describes this
    /// file: it lies beside it and its name starts with this file's name up to the
    /// extension, then a dot.
    func isDescribed(by sidecar: RawPath) -> Bool {
        guard parent == sidecar.parent, self != sidecar else { return false }
        let name = lastComponent
        let stem = name.lastIndex(of: UInt8(ascii: ".")).map { Array(name[..<$0]) } ?? name
        return sidecar.lastComponent.starts(with: stem + [UInt8(ascii: ".")])
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
