import Foundation
import GRDB

/// A vector store ready to search, and what loading it found.
public struct VectorStoreLoad: Sendable {
    public var store: VectorStore
    /// Vectors left out because they are damaged (not finite, wrong length). When the
    /// library could be written they were also deleted, so the next embedding pass
    /// makes them again.
    public var damaged: Int
    /// Whether the store had to be built (or brought up to date) from the library.
    public var rebuilt: Bool
}

extension Library {
    /// The folder beside the library file for what can be made again from it: vector
    /// stores now, thumbnails later. Never inside the library file.
    public var cacheFolder: String { path + "-cache" }

    /// Where the store of a model's vectors is saved.
    public func vectorStorePath(modelID: Int64) -> String {
        cacheFolder + "/vectors/model-\(modelID).vst"
    }

    /// The scan-ready store of `model`'s vectors.
    ///
    /// `current` is returned while the model's generation has not moved; else the saved
    /// file when it is up to date; else the store is brought up to date from the library
    /// (copying what `current` or the saved file still hold) and saved for the next
    /// process. Damaged vectors are left out, and deleted when the library can be
    /// written; a store that left some out is not saved while they remain, so a writer
    /// still finds them.
    public func vectorStore(for model: StoredModel, reusing current: VectorStore? = nil) throws(LibraryError) -> VectorStoreLoad {
        let generation = try self.generation(modelID: model.id) ?? -1
        if let current, current.generation == generation, current.modelID == model.id {
            return VectorStoreLoad(store: current, damaged: 0, rebuilt: false)
        }
        let path = vectorStorePath(modelID: model.id)
        let libraryID = try self.libraryID()
        let saved = VectorStore.open(path: path, modelID: model.id).flatMap { $0.header.libraryID == libraryID ? $0 : nil }
        if let saved, saved.generation == generation, saved.dimension == model.dimension {
            return VectorStoreLoad(store: saved, damaged: 0, rebuilt: false)
        }
        var built = try read { db in try VectorStore.build(model: model, db: db, previous: current ?? saved) }
        if !built.damagedVectorIDs.isEmpty {
            // A reader cannot delete them: it searches without them, and leaves the saved
            // file as it was so a writer still finds the damage.
            guard (try? removeVectors(ids: built.damagedVectorIDs)) != nil else {
                return VectorStoreLoad(store: built.store, damaged: built.damagedVectorIDs.count, rebuilt: true)
            }
            let previous = built.store
            built = try read { db in try VectorStore.build(model: model, db: db, previous: previous) }
        }
        if built.damagedVectorIDs.isEmpty { _ = built.store.buffer.save(to: path) }
        return VectorStoreLoad(store: built.store, damaged: built.damagedVectorIDs.count, rebuilt: true)
    }
}
