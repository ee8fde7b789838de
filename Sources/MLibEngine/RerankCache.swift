import MLibCore
import Synchronization

/// What reranks in one process share: vectors by model and content, files already
/// read, and models already loaded when there is no engine to hold them.
///
/// A JSON-lines batch passes one cache to every request, so a text, picture or frame
/// met again is not embedded again and a file met again is not read again, with or
/// without a library. Safe to share across threads. Bounded: past `vectorLimit`
/// vectors or `readingLimit` files, the oldest half is forgotten.
public final class RerankCache: Sendable {
    public let vectorLimit: Int
    public let readingLimit: Int

    private struct VectorKey: Hashable {
        var model: String
        var content: [UInt8]
    }

    private struct State {
        var vectors: [VectorKey: [Float]] = [:]
        var vectorOrder: [VectorKey] = []
        var readings: [String: RerankReading] = [:]
        var readingOrder: [String] = []
        var hits = 0
    }

    private let state = Mutex(State())
    /// Models loaded for reranks without a library (an engine keeps its own).
    let textEmbedders = LoadOnce<String, any TextEmbedder>()
    let pictureEmbedders = LoadOnce<String, any PictureEmbedder>()

    public init(vectorLimit: Int = 50_000, readingLimit: Int = 1_000) {
        self.vectorLimit = max(1, vectorLimit)
        self.readingLimit = max(1, readingLimit)
    }

    /// How many vectors and file readings were found here instead of being made again.
    public var hits: Int { state.withLock { $0.hits } }

    /// The vectors `model` made for these content keys, where known.
    func vectors(model: String, keys: [[UInt8]]) -> [[UInt8]: [Float]] {
        state.withLock { state in
            var found: [[UInt8]: [Float]] = [:]
            for key in keys {
                if let vector = state.vectors[VectorKey(model: model, content: key)] { found[key] = vector }
            }
            state.hits += found.count
            return found
        }
    }

    func remember(_ vectors: [[UInt8]: [Float]], model: String) {
        guard !vectors.isEmpty else { return }
        state.withLock { state in
            for (content, vector) in vectors {
                let key = VectorKey(model: model, content: content)
                if state.vectors.updateValue(vector, forKey: key) == nil { state.vectorOrder.append(key) }
            }
            if state.vectors.count > vectorLimit {
                let dropped = state.vectorOrder.prefix(state.vectorOrder.count / 2)
                for key in dropped { state.vectors[key] = nil }
                state.vectorOrder.removeFirst(dropped.count)
            }
        }
    }

    /// A file read before under the same key (its content, path and way of reading).
    func reading(_ key: String) -> RerankReading? {
        state.withLock { state in
            guard let reading = state.readings[key] else { return nil }
            state.hits += 1
            return reading
        }
    }

    func remember(_ reading: RerankReading, key: String) {
        state.withLock { state in
            if state.readings.updateValue(reading, forKey: key) == nil { state.readingOrder.append(key) }
            if state.readings.count > readingLimit {
                let dropped = state.readingOrder.prefix(state.readingOrder.count / 2)
                for key in dropped { state.readings[key] = nil }
                state.readingOrder.removeFirst(dropped.count)
            }
        }
    }
}
