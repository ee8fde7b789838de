import Crypto
import Foundation
import MLibCore
import MLibIngest
import MLibMedia

extension RerankRun {
    /// Texts given to a sentence model at once.
    static let textBatch = 16
    /// Pictures given to a picture model at once.
    static let pictureBatch = 8

    /// The vectors of `texts` by text, keyed in the caches by the SHA-256 of the text
    /// (as the indexer keys passages and search keys queries); nil when the model
    /// cannot be used, which is then left out for the rest of the request.
    mutating func textVectors(_ texts: [String], model: RerankModels.Model) -> [String: [Float]]? {
        let keyed = texts.map { (key: Array(SHA256.hash(data: Data($0.utf8))), text: $0) }
        let textOf = Dictionary(keyed.map { ($0.key, $0.text) }) { first, _ in first }
        let loader = loader
        do {
            let found = try vectors.vectors(keyed.map(\.key), model: model) { missing in
                let embedder = try loader.text(model.descriptor)
                var fresh: [[UInt8]: [Float]] = [:]
                for start in stride(from: 0, to: missing.count, by: Self.textBatch) {
                    let batch = missing[start..<min(start + Self.textBatch, missing.count)].compactMap { key in textOf[key].map { (key, $0) } }
                    let made: [[Float]]
                    do {
                        made = try embedder.embed(batch.map { $0.1 })
                    } catch {
                        throw EngineError.wrapping(error, model: model.descriptor.name, doing: "while reranking")
                    }
                    for (entry, vector) in zip(batch, made) { fresh[entry.0] = try RerankVectors.checked(vector, model: model) }
                }
                return fresh
            }
            return Dictionary(keyed.compactMap { entry in found[entry.key].map { (entry.text, $0) } }) { first, _ in first }
        } catch {
            drop(model, because: error)
            return nil
        }
    }

    /// The vector of each of the reading's pictures (nil for one that could not be
    /// decoded); nil when there is no picture model, it cannot be used, or the file
    /// cannot be decoded again.
    mutating func pictureVectors(of reading: RerankReading) -> [[Float]?]? {
        guard let model = models.picture, !reading.pictures.isEmpty else { return nil }
        let keys = reading.pictureKeys
        let loader = loader
        do {
            let found = try vectors.vectors(keys, model: model) { missing in
                let embedder = try loader.picture(model.descriptor)
                let wanted = Set(missing)
                var fresh: [[UInt8]: [Float]] = [:]
                var pending: [(key: [UInt8], image: RGBImage)] = []
                func flush() throws {
                    guard !pending.isEmpty else { return }
                    let made: [[Float]]
                    do {
                        made = try embedder.embed(pictures: pending.map { $0.image })
                    } catch {
                        throw EngineError.wrapping(error, model: model.descriptor.name, doing: "while reranking")
                    }
                    for (entry, vector) in zip(pending, made) { fresh[entry.key] = try RerankVectors.checked(vector, model: model) }
                    pending.removeAll(keepingCapacity: true)
                }
                try reading.decodePictures(Set(keys.indices.filter { wanted.contains(keys[$0]) })) { index, image in
                    pending.append((keys[index], image))
                    if pending.count >= Self.pictureBatch { try flush() }
                }
                try flush()
                return fresh
            }
            return keys.map { found[$0] }
        } catch is MediaError {
            return nil
        } catch {
            drop(model, because: error)
            return nil
        }
    }

    /// Leaves a model that failed out of the rest of the request, with one warning.
    private mutating func drop(_ model: RerankModels.Model, because error: any Error) {
        let fingerprint = model.descriptor.fingerprint
        if models.text?.descriptor.fingerprint == fingerprint {
            models.text = nil
            warnings.append(Self.message(error) + "; documents are judged without meaning")
        } else {
            models.picture = nil
            models.pictureQuery = nil
            warnings.append(Self.message(error) + "; pictures are judged by their text only")
        }
    }
}
