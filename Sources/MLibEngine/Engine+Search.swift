import Crypto
import Foundation
public import MLibCore
import MLibInference
public import MLibSearch
import MLibStore

/// The answer to a search, and what the user should know about how it was made.
public struct SearchOutcome: Sendable {
    public var results: SearchResults
    /// One line each: a model that is missing or damaged, vectors left out. The search
    /// still answered, by what works.
    public var warnings: [String]
}

extension Engine {
    /// Searches the library. A missing, unreadable or damaged model never fails the
    /// search: it answers by words, with a warning.
    ///
    /// - Parameter modelName: the sentence model to search with; nil uses the one the
    ///   library was indexed with.
    /// - Parameter remote: a served reranker to judge the best hits after mlib's own rerank.
    public func search(
        _ query: String, options: SearchOptions, modelName: String? = nil, remote: RemoteRerankOptions? = nil
    ) throws -> SearchOutcome {
        var warnings: [String] = []
        var channels: [any RecallChannel] = []
        // Vectors embed what is left of the query once its hints (kind, dates, camera) are read.
        let trimmed = SearchEngine.hints(in: query, options: options).semanticText
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if options.mode != .keyword, !trimmed.isEmpty {
            do {
                if let channel = try textChannel(for: trimmed, modelName: modelName, warnings: &warnings) {
                    channels.append(channel)
                }
            } catch let error as EngineError {
                warnings.append(error.message + "; searching by words only")
            }
            do {
                if let channel = try pictureChannel(for: trimmed, warnings: &warnings) { channels.append(channel) }
            } catch let error as EngineError {
                warnings.append(error.message + "; pictures are searched by their words, colours and text only")
            }
        }
        let judge = options.rerank ? passageJudge(warnings: &warnings) : nil
        var results = try SearchEngine(library: library, vectorChannels: channels, reranker: Reranker(judge: judge))
            .search(query, options: options)
        warnings += judge?.takeFailures() ?? []
        if let remote, options.rerank {
            results = judgeRemotely(results, query: query, options: remote, warnings: &warnings)
        }
        return SearchOutcome(results: results, warnings: warnings)
    }

    /// The vector channel of the text model, or nil when the library has no vectors
    /// to search.
    func textChannel(for query: String, modelName: String?, warnings: inout [String]) throws -> VectorChannel? {
        let model: StoredModel
        if let modelName {
            let descriptor = try finder.describe(named: modelName).get()
            guard let known = try library.models().first(where: { $0.fingerprint == descriptor.fingerprint }) else {
                throw EngineError(.unknownModel, "the library has no vectors from \(modelName); run `mlib index --model \(modelName)` first")
            }
            model = known
        } else {
            guard let role = try library.model(for: .text) else { return nil }
            model = role
        }
        let store = try vectorStore(for: model, warnings: &warnings)
        guard store.count > 0 else { return nil }
        let vector = try queryVector(query, model: model)
        return VectorChannel(name: "text:" + model.name, store: store, queryVector: vector)
    }

    /// The picture channel: the query embedded by the picture-query model (a CLIP text
    /// tower, or a multilingual tower trained into the same space) against the picture
    /// model's vectors of images and frames; nil when the library has none.
    func pictureChannel(for query: String, warnings: inout [String]) throws -> VectorChannel? {
        guard let picture = try library.model(for: .picture), let asker = try library.model(for: .pictureQuery),
            asker.dimension == picture.dimension
        else { return nil }
        let store = try vectorStore(for: picture, warnings: &warnings)
        guard store.count > 0 else { return nil }
        let vector = try queryVector(query, model: asker)
        return VectorChannel(
            name: "picture:" + picture.name, store: store, queryVector: vector, floor: VectorChannel.pictureFloor,
            sure: VectorChannel.pictureSure, space: .picture)
    }

    /// The model's store, brought up to date with the library if it moved on.
    func vectorStore(for model: StoredModel, warnings: inout [String]) throws -> VectorStore {
        var damaged = 0
        func bringUpToDate(_ current: VectorStore?) throws -> VectorStore {
            let load = try library.vectorStore(for: model, reusing: current)
            damaged = load.damaged
            return load.store
        }
        let store = try stores.value(for: model.id, load: { try bringUpToDate(nil) }, refresh: bringUpToDate)
        if damaged > 0 {
            warnings.append("\(damaged) damaged vectors of \(model.name) left out; `mlib index` embeds their passages again")
        }
        return store
    }

    /// The query's vector: from the library when this text was embedded before (the
    /// model is then not even loaded), else from the model, remembered for next time.
    func queryVector(_ query: String, model: StoredModel) throws -> [Float] {
        let hash = Array(SHA256.hash(data: Data(query.utf8)))
        if let cached = try library.cachedVectors(contentHashes: [hash], modelID: model.id, dimension: model.dimension)[hash] {
            return cached
        }
        let descriptor = try finder.find(model).get()
        let encoder = try textEmbedder(for: descriptor)
        let embedded: [Float]
        do {
            guard let first = try encoder.embed([query]).first, let unit = VectorMath.normalized(first), unit.count == model.dimension
            else { throw EngineError(.embedding, "model \(model.name) made no usable vector for the query") }
            embedded = unit
        } catch {
            throw EngineError.wrapping(error, model: model.name, doing: "on the query")
        }
        library.rememberVector(embedded, contentHash: hash, modelID: model.id)
        return embedded
    }
}
