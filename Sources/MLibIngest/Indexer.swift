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

    /// - Parameter workers: threads reading files; nil sizes the pool to the cores.
    public init(library: Library, workers: Int? = nil, batchSize: Int = 64) {
        self.library = library
        self.extractor = MediaExtractor()
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.batchSize = max(1, batchSize)
    }

    /// Indexes `roots` (files or folders) and reports progress after every batch.
    ///
    /// A root that cannot be examined is reported in the summary and its stored
    /// items are kept (an unmounted disk must not empty the library).
    public func run(
        roots: [RawPath], progress report: (IndexProgress) -> Void = { _ in }
    ) throws(LibraryError) -> IndexSummary {
        let clock = ContinuousClock.now
        var progress = IndexProgress()
        var summary = IndexSummary()
        var plan = IndexPlan()

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
        progress.found = plan.found
        progress.unchanged = plan.unchanged
        progress.stillFailing = plan.stillFailing
        progress.toProcess = plan.work.count
        report(progress)

        var missingByHash = plan.missingByHash()
        for start in stride(from: 0, to: plan.work.count, by: batchSize) {
            let batch = Array(plan.work[start..<min(start + batchSize, plan.work.count)])
            let outcomes = read(batch)
            var records: [IndexRecord] = []
            for (job, outcome) in zip(batch, outcomes) {
                guard var record = outcome else {
                    progress.skipped += 1
                    continue
                }
                if job.storedID == nil, let hash = record.contentHash, let movedID = missingByHash[hash]?.popLast() {
                    record.continuesItemID = movedID
                    plan.missing.removeValue(forKey: movedID)
                    progress.moved += 1
                } else if job.storedID == nil {
                    progress.added += 1
                } else {
                    progress.updated += 1
                }
                switch record.outcome {
                case .indexed(let extraction):
                    progress.byKind[extraction.kind, default: 0] += 1
                case .failed(let code, let reason, _):
                    progress.failed += 1
                    summary.failures.append(IndexFailure(path: record.path, code: code, reason: reason))
                }
                records.append(record)
            }
            try library.write(records)
            progress.processed += batch.count
            progress.elapsed = (ContinuousClock.now - clock).seconds
            report(progress)
        }

        try library.removeItems(ids: Array(plan.missing.keys))
        progress.removed = plan.missing.count
        progress.elapsed = (ContinuousClock.now - clock).seconds
        summary.progress = progress
        report(progress)
        return summary
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

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
