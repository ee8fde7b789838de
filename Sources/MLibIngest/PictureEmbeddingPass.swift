import Crypto
import Foundation
public import MLibCore
public import MLibStore

/// Gives every picture — each image, each sampled video frame — a vector from one
/// picture model (a CLIP vision tower).
///
/// Pixels are not kept in the library: the pass decodes the file again (images at
/// reduced size, videos at the frame interval they were read with). A picture's
/// vector is keyed by the file's content hash and the frame's time, so a moved or
/// copied file, or a frame seen before, is never embedded twice.
public struct PictureEmbeddingPass: ModelPass {
    public let library: Library
    public let embedder: any PictureEmbedder
    public let model: StoredModel
    let source: any PictureSource
    /// Items read per round.
    let itemBatch: Int
    /// Pictures given to the model at once.
    let modelBatch: Int

    public init(
        library: Library, embedder: any PictureEmbedder, model: StoredModel, source: any PictureSource, itemBatch: Int = 16,
        modelBatch: Int = 8
    ) {
        self.library = library
        self.embedder = embedder
        self.model = model
        self.source = source
        self.itemBatch = itemBatch
        self.modelBatch = modelBatch
    }

    /// The key of a picture's vector: its file's content and, for a frame, its time.
    public static func vectorHash(contentHash: String, time: Double?) -> [UInt8] {
        let key = "picture\u{0}\(contentHash)\u{0}" + (time.map { String(format: "%.3f", $0) } ?? "image")
        return Array(SHA256.hash(data: Data(key.utf8)))
    }

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
        progress.total = try library.countPicturesToEmbed(modelID: model.id)
        report(progress)
        var after: Int64 = 0
        while !isCancelled() {
            let targets = try library.picturesToEmbed(modelID: model.id, after: after, limit: itemBatch)
            guard let last = targets.last else { break }
            after = last.itemID
            for target in targets where !isCancelled() {
                try embed(target, isCancelled: isCancelled, progress: &progress)
                progress.elapsed = (ContinuousClock.now - clock).seconds
                report(progress)
            }
        }
        if refreshStore, !isCancelled() {
            progress.damaged = try self.refreshStore()
        }
        progress.elapsed = (ContinuousClock.now - clock).seconds
        return progress
    }

    @discardableResult
    public func refreshStore() throws -> Int {
        try library.vectorStore(for: model).damaged
    }

    private func embed(_ target: PictureTarget, isCancelled: () -> Bool, progress: inout EmbeddingProgress) throws {
        let keys = Dictionary(
            uniqueKeysWithValues: target.pictures.map { ($0.segmentID, Self.vectorHash(contentHash: target.contentHash, time: $0.time)) })
        let known = try library.cachedVectors(contentHashes: Array(Set(keys.values)), modelID: model.id, dimension: model.dimension)
        progress.cached += keys.values.filter { known[$0] != nil }.count
        var fresh: [(contentHash: [UInt8], vector: [Float])] = []
        var pending: [(hash: [UInt8], image: RGBImage)] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            let vectors = try embedder.embed(pictures: pending.map(\.image))
            for (entry, vector) in zip(pending, vectors) {
                guard let unit = VectorMath.normalized(vector), unit.count == model.dimension else {
                    throw EmbeddingError(model: model.name, message: "the model made a picture vector that is not finite or has the wrong length")
                }
                fresh.append((entry.hash, unit))
            }
            progress.embedded += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        if known.count < Set(keys.values).count {
            let wanted = Set(keys.compactMap { known[$0.value] == nil ? $0.key : nil })
            do {
                try source.pictures(of: target) { segmentID, image in
                    guard wanted.contains(segmentID), let hash = keys[segmentID], !isCancelled() else { return }
                    pending.append((hash, image))
                    if pending.count >= modelBatch { try flush() }
                }
                try flush()
            } catch let error as EmbeddingError {
                throw error
            } catch {
                // A file that cannot be read again (changed, gone, damaged) keeps its
                // pictures without vectors; the next scan re-reads it.
                progress.outdated += target.pictures.count
            }
        }
        let available = Set(known.keys).union(fresh.map(\.contentHash))
        let ready = target.pictures.compactMap { picture -> (Int64, String, [UInt8])? in
            guard let hash = keys[picture.segmentID], available.contains(hash) else { return nil }
            return (picture.segmentID, target.contentHash, hash)
        }
        let stored = try library.storePictureVectors(
            ready.map { (segmentID: $0.0, itemContentHash: $0.1, vectorHash: $0.2) }, fresh: fresh, modelID: model.id)
        progress.done += stored.count
    }
}
