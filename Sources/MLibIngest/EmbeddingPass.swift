import Crypto
import Foundation
public import MLibCore
public import MLibStore

/// Gives every text segment a vector from one model: windows of long text are
/// embedded in batches, and the vector of text seen before comes from the library,
/// where each vector is stored once per text and model.
///
/// A pass embeds for its own model only; other models' vectors are never touched.
/// It claims the work first, so two processes never embed the same passages, and
/// ends by bringing the model's vector store up to date for the searches that follow.
/// The model itself loads only if some text is not cached.
public struct EmbeddingPass: Sendable {
    public let library: Library
    public let embedder: any TextEmbedder
    public let model: StoredModel
    /// Segments read and written per transaction.
    let segmentBatch: Int
    /// Texts given to the model at once.
    let modelBatch: Int

    public init(library: Library, embedder: any TextEmbedder, model: StoredModel, segmentBatch: Int = 256, modelBatch: Int = 32) {
        self.library = library
        self.embedder = embedder
        self.model = model
        self.segmentBatch = segmentBatch
        self.modelBatch = modelBatch
    }

    /// Embeds every segment still without a vector, reporting after each batch.
    ///
    /// `isCancelled` is asked between model batches (at most 32 texts, well under a
    /// second); segments done so far are stored, the rest wait for the next run.
    /// `waiting` is called once when another process holds the claim on this work.
    /// With `verify`, every stored vector of the model is checked first and damaged
    /// ones are deleted, so this pass embeds their text again. With `refreshStore`, the
    /// model's vector store is brought up to date at the end (a watcher does that once
    /// it is quiet instead, with ``refreshStore()``).
    public func run(
        verify: Bool = false, refreshStore: Bool = true, isCancelled: () -> Bool = { false }, waiting: () -> Void = {},
        progress report: (EmbeddingProgress) -> Void = { _ in }
    ) throws -> EmbeddingProgress {
        let clock = ContinuousClock.now
        var progress = EmbeddingProgress()
        let claim = EmbeddingClaim.take(
            path: library.cacheFolder + "/embed-model-\(model.id).lock", isCancelled: isCancelled, waiting: waiting)
        defer { withExtendedLifetime(claim) {} }
        if verify {
            progress.repaired = try library.removeDamagedVectors(modelID: model.id, dimension: model.dimension)
        }
        progress.total = try library.countSegmentsToEmbed(modelID: model.id)
        report(progress)
        var after: Int64 = 0
        while !isCancelled() {
            let targets = try library.segmentsToEmbed(modelID: model.id, after: after, limit: segmentBatch)
            guard let last = targets.last else { break }
            after = last.segmentID
            try embed(targets, isCancelled: isCancelled, progress: &progress)
            progress.elapsed = (ContinuousClock.now - clock).seconds
            report(progress)
        }
        if refreshStore, !isCancelled() {
            progress.damaged = try self.refreshStore()
        }
        progress.elapsed = (ContinuousClock.now - clock).seconds
        return progress
    }

    /// Brings the model's vector store up to date with the library, so the searches
    /// that follow map it instead of building it; returns the damaged vectors it could
    /// not delete.
    @discardableResult
    public func refreshStore() throws -> Int {
        try library.vectorStore(for: model).damaged
    }

    private func embed(_ targets: [EmbeddingTarget], isCancelled: () -> Bool, progress: inout EmbeddingProgress) throws {
        // Every window of every segment, with the hash that keys its vector.
        var windows: [SegmentVector] = []
        // Distinct texts in the order they come, so a cancelled pass has done whole segments first.
        var texts: [(key: [UInt8], value: String)] = []
        var seen: Set<[UInt8]> = []
        for target in targets {
            for (index, text) in EmbeddingWindows.split(target.text).enumerated() {
                let hash = Array(SHA256.hash(data: Data(text.utf8)))
                if seen.insert(hash).inserted { texts.append((hash, text)) }
                windows.append(SegmentVector(segmentID: target.segmentID, segmentText: target.text, window: index, contentHash: hash))
            }
        }
        let known = try library.cachedVectors(contentHashes: texts.map(\.key), modelID: model.id, dimension: model.dimension)
        progress.cached += windows.filter { known[$0.contentHash] != nil }.count

        let missing = texts.filter { known[$0.key] == nil }
        var fresh: [(contentHash: [UInt8], vector: [Float])] = []
        for start in stride(from: 0, to: missing.count, by: modelBatch) {
            if isCancelled() { break }
            let chunk = Array(missing[start..<min(start + modelBatch, missing.count)])
            let embedded = try embedder.embed(chunk.map(\.value))
            for (entry, vector) in zip(chunk, embedded) {
                guard let unit = VectorMath.normalized(vector), unit.count == model.dimension else {
                    throw EmbeddingError(model: model.name, message: "the model made a vector that is not finite or has the wrong length")
                }
                fresh.append((entry.key, unit))
            }
        }
        progress.embedded += fresh.count
        let available = Set(known.keys).union(fresh.map(\.contentHash))
        // A segment counts as embedded once it has any vector, so only segments with
        // every window done are stored (a cancelled pass leaves some without).
        let incomplete = Set(windows.filter { !available.contains($0.contentHash) }.map(\.segmentID))
        let complete = windows.filter { !incomplete.contains($0.segmentID) }
        let stored = try library.storeVectors(complete, fresh: fresh, modelID: model.id)
        progress.done += stored.count
        progress.outdated += targets.count - incomplete.count - stored.count
    }
}

/// A model that made a vector mlib cannot store.
public struct EmbeddingError: Error, CustomStringConvertible {
    public var model: String
    public var message: String
    public var description: String { "model \(model): \(message)" }
}
