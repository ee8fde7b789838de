import Foundation
import MLibCore
public import MLibMedia
public import MLibStore
import Synchronization

/// Turns paths into stored rows: reads files on a pool of worker threads sized to
/// the machine, writes each batch in one transaction (a crash loses at most the
/// batch in flight), recognises moved files by content, and removes items whose
/// files are gone.
///
/// What to read comes from a scan or the watcher (`IngestWork`); the pipeline never
/// walks folders itself.
public struct IngestPipeline: Sendable {
    public let library: Library
    let extractor: MediaExtractor
    let workers: Int
    let batchSize: Int
    /// Files of no type mlib indexes, seen by this pipeline: a scan passes an
    /// unchanged one by instead of typing it again.
    public let skipped = SkippedFiles()

    /// - Parameter workers: threads reading files; nil sizes the pool to the cores.
    /// - Parameter pictures: how to look at pixels of images and videos; nil reads
    ///   their metadata and text only.
    public init(library: Library, workers: Int? = nil, batchSize: Int = 64, pictures: PictureOptions? = PictureOptions()) {
        self.library = library
        self.extractor = MediaExtractor(pictures: pictures)
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.batchSize = max(1, batchSize)
    }

    /// Reads and stores `work` batch by batch, reporting progress after each, then
    /// removes the items left missing. `isCancelled` is asked between batches; a
    /// cancelled run stops there, before removing anything. Returns the progress
    /// and the files that failed.
    public func run(
        _ work: IngestWork, isCancelled: () -> Bool = { false }, progress report: (IndexProgress) -> Void = { _ in },
        events: (IndexEvent) -> Void = { _ in }
    ) throws(LibraryError) -> (progress: IndexProgress, failures: [IndexFailure]) {
        let clock = ContinuousClock.now
        var work = work
        var failures: [IndexFailure] = []
        var progress = IndexProgress()
        progress.found = work.found
        progress.unchanged = work.unchanged
        progress.stillFailing = work.stillFailing
        progress.skipped = work.knownSkipped
        progress.toProcess = work.jobs.count
        report(progress)

        var missingByHash = work.missingByHash()
        for start in stride(from: 0, to: work.jobs.count, by: batchSize) {
            if isCancelled() { return (progress, failures) }
            let batch = Array(work.jobs[start..<min(start + batchSize, work.jobs.count)])
            var records: [IndexRecord] = []
            var batchEvents: [IndexEvent] = []
            for (job, outcome) in zip(batch, read(batch)) {
                guard var record = outcome else {
                    skipped.insert(job.path, state: job.state)
                    progress.skipped += 1
                    continue
                }
                if job.storedID == nil, let hash = record.contentHash, let movedID = missingByHash[hash]?.popLast() {
                    record.continuesItemID = movedID
                    if let old = work.missing.removeValue(forKey: movedID) {
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
                    failures.append(IndexFailure(path: record.path, code: code, reason: reason))
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

        try library.removeItems(ids: Array(work.missing.keys))
        // Thumbnails of contents that left the library (removed, or changed since).
        var leaving = Set(work.missing.values.compactMap(\.contentHash))
        for job in work.jobs where job.storedHash != nil { leaving.insert(job.storedHash!) }
        try? library.removeThumbnails(ofContentHashes: leaving)
        for file in work.missing.values { events(.removed(file.path)) }
        progress.removed = work.missing.count
        progress.elapsed = (ContinuousClock.now - clock).seconds
        report(progress)
        return (progress, failures)
    }

    /// Reads a batch on the worker pool; nil marks a file that is not ours to index.
    private func read(_ batch: [IndexJob]) -> [IndexRecord?] {
        let results = Mutex([IndexRecord?](repeating: nil, count: batch.count))
        let extractor = self.extractor
        let library = self.library
        let workers = self.workers
        DispatchQueue.concurrentPerform(iterations: min(workers, batch.count)) { worker in
            for index in stride(from: worker, to: batch.count, by: workers) {
                let record = FileReader.record(for: batch[index], extractor: extractor, thumbnails: library)
                results.withLock { $0[index] = record }
            }
        }
        return results.withLock { $0 }
    }
}

extension Duration {
    /// The duration in seconds, with fractions.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
