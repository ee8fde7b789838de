import Crypto
import Foundation
public import MLibCore
public import MLibStore

/// Gives every text segment a vector from the current model: windows of long text
/// are embedded in batches, and the vector of text seen before comes from the
/// cache, keyed by the text's SHA-256 and the model.
///
/// Vectors of other models are dropped first, so changing the model re-embeds the
/// library on the next run. The model itself loads only if some text is not cached.
public struct EmbeddingPass: Sendable {
    public let library: Library
    public let embedder: any TextEmbedder
    /// Segments read and written per transaction.
    let segmentBatch: Int
    /// Texts given to the model at once.
    let modelBatch: Int

    public init(library: Library, embedder: any TextEmbedder, segmentBatch: Int = 256, modelBatch: Int = 32) {
        self.library = library
        self.embedder = embedder
        self.segmentBatch = segmentBatch
        self.modelBatch = modelBatch
    }

    /// Embeds every segment still without a vector, reporting after each batch.
    ///
    /// `isCancelled` is asked between model batches (at most 32 texts, well under a
    /// second); segments done so far are stored, the rest wait for the next run.
    public func run(
        isCancelled: () -> Bool = { false }, progress report: (EmbeddingProgress) -> Void = { _ in }
    ) throws -> EmbeddingProgress {
        let clock = ContinuousClock.now
        let model = embedder.modelName
        try library.removeVectors(otherThan: model)
        var progress = EmbeddingProgress()
        progress.total = try library.countSegmentsToEmbed(model: model)
        report(progress)
        var after: Int64 = 0
        while !isCancelled() {
            let targets = try library.segmentsToEmbed(model: model, after: after, limit: segmentBatch)
            guard let last = targets.last else { break }
            after = last.segmentID
            try embed(targets, model: model, isCancelled: isCancelled, progress: &progress)
            progress.elapsed = (ContinuousClock.now - clock).seconds
            report(progress)
        }
        return progress
    }

    private func embed(
        _ targets: [EmbeddingTarget], model: String, isCancelled: () -> Bool, progress: inout EmbeddingProgress
    ) throws {
        // Every window of every segment, with the hash that keys the cache.
        var windows: [(segmentID: Int64, segmentText: String, window: Int, text: String, hash: [UInt8])] = []
        for target in targets {
            for (index, text) in EmbeddingWindows.split(target.text).enumerated() {
                windows.append((target.segmentID, target.text, index, text, Array(SHA256.hash(data: Data(text.utf8)))))
            }
        }
        var vectors = try library.cachedVectors(textHashes: Array(Set(windows.map(\.hash))), model: model)
        progress.cached += windows.filter { vectors[$0.hash] != nil }.count

        var missing: [(hash: [UInt8], text: String)] = []
        var queued: Set<[UInt8]> = []
        for window in windows where vectors[window.hash] == nil && queued.insert(window.hash).inserted {
            missing.append((window.hash, window.text))
        }
        var fresh: [(textHash: [UInt8], vector: [Float])] = []
        for start in stride(from: 0, to: missing.count, by: modelBatch) {
            if isCancelled() { break }
            let chunk = Array(missing[start..<min(start + modelBatch, missing.count)])
            let embedded = try embedder.embed(chunk.map(\.text))
            for (entry, vector) in zip(chunk, embedded) {
                vectors[entry.hash] = vector
                fresh.append((entry.hash, vector))
            }
        }
        progress.embedded += fresh.count
        // A segment counts as embedded once it has any vector, so only segments with
        // every window done are stored (a cancelled pass leaves some without).
        let incomplete = Set(windows.filter { vectors[$0.hash] == nil }.map(\.segmentID))
        let segmentVectors = windows.compactMap { window -> SegmentVector? in
            guard !incomplete.contains(window.segmentID), let vector = vectors[window.hash] else { return nil }
            return SegmentVector(
                segmentID: window.segmentID, segmentText: window.segmentText, window: window.window, vector: vector)
        }
        let stored = try library.storeVectors(segmentVectors, cache: fresh, model: model)
        progress.done += stored.count
        progress.outdated += targets.count - incomplete.count - stored.count
    }
}
