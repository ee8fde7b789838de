import Foundation
public import MLibCore
import Synchronization

/// A sentence-transformers model folder run by mlib's own engine: WordPiece
/// tokenizer, BERT encoder, pooling and normalisation, as `modules.json` says.
///
/// Creating one reads only `config.json`; the weights load on the first `embed`
/// (or `load()`), once, shared by every thread.
///
/// ```swift
/// let encoder = try SentenceEncoder(folder: "models/all-MiniLM-L6-v2")
/// let vectors = try encoder.embed(["seaside holiday", "a week at the beach"])
/// ```
public final class SentenceEncoder: TextEmbedder, Sendable {
    public let modelName: String
    public let folder: String
    private let configuration: BertConfiguration
    /// Tokens per text the model sees: `sentence_bert_config.json`'s
    /// `max_seq_length`, else the model's positions.
    public let maxLength: Int
    private let loaded = Mutex<Loaded?>(nil)

    private struct Loaded: Sendable {
        var tokenizer: WordPieceTokenizer
        var model: BertModel
        var pooling: SentencePooling
    }

    /// Reads the folder's configuration; fails with a one-line reason for a folder
    /// this engine cannot run.
    public init(folder: String) throws(InferenceError) {
        self.folder = folder
        self.modelName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        self.configuration = try BertConfiguration.load(folder: folder).validated(path: folder + "/config.json")
        let positions = configuration.maxPositions
        var length = min(positions, 512)
        let sentenceConfig = folder + "/sentence_bert_config.json"
        if let data = FileManager.default.contents(atPath: sentenceConfig),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let configured = object["max_seq_length"] as? Int, configured > 0
        {
            length = min(configured, positions)
        }
        self.maxLength = length
        guard FileManager.default.fileExists(atPath: folder + "/vocab.txt") else {
            throw InferenceError(
                .unsupported, path: folder,
                message: "no vocab.txt: mlib runs BERT-family models with a WordPiece vocabulary")
        }
    }

    /// Length of the vectors.
    public var dimension: Int { configuration.hiddenSize }

    /// The architecture, as `config.json`'s `model_type` names it.
    public var family: String { configuration.modelType ?? "bert" }

    /// Loads the tokenizer and the weights now rather than on the first text.
    public func load() throws(InferenceError) {
        _ = try loadedModel()
    }

    public func embed(_ texts: [String]) throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let model = try loadedModel()
        let batch = model.tokenizer.batch(texts, maxLength: maxLength)
        let hidden = model.model.encode(batch)
        return model.pooling.pool(hidden, batch: batch)
    }

    private func loadedModel() throws(InferenceError) -> Loaded {
        if let model = loaded.withLock({ $0 }) { return model }
        let model = Loaded(
            tokenizer: try WordPieceTokenizer(folder: folder),
            model: try BertModel(configuration: configuration, weights: SafetensorsFile(path: folder + "/model.safetensors")),
            pooling: try SentencePooling(folder: folder))
        loaded.withLock { $0 = model }
        return model
    }
}
