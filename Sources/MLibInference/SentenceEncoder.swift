import Foundation
public import MLibCore
import Synchronization

/// A sentence-transformers model folder run by mlib's own engine: WordPiece
/// tokenizer, BERT or DistilBERT encoder, then the head `modules.json` lists
/// (pooling, `Dense` layers, normalisation).
///
/// Creating one reads only the small JSON files; the weights load on the first
/// `embed` (or `load()`), once, shared by every thread. F32 weights are used in
/// place from the memory-mapped `model.safetensors`.
///
/// ```swift
/// let encoder = try SentenceEncoder(folder: "models/all-MiniLM-L6-v2")
/// let vectors = try encoder.embed(["seaside holiday", "a week at the beach"])
/// ```
public final class SentenceEncoder: TextEmbedder, Sendable {
    public let modelName: String
    public let folder: String
    private let layout: ModelFolder
    /// Tokens per text the model sees, `[CLS]` and `[SEP]` included:
    /// `sentence_bert_config.json`'s `max_seq_length`, else `tokenizer_config.json`'s
    /// `model_max_length` when it is a real limit, never more than the model's positions.
    public let maxLength: Int
    /// Held while loading, so concurrent first users wait for one load.
    private let loaded = Mutex<Loaded?>(nil)

    private struct Loaded: Sendable {
        var tokenizer: WordPieceTokenizer
        var model: BertModel
        var head: SentenceHead
    }

    /// Reads the folder's configuration; fails with a one-line reason for a folder
    /// this engine cannot run.
    public init(folder: String) throws(InferenceError) {
        self.folder = folder
        self.modelName = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        self.layout = try ModelFolder(path: folder)
        self.maxLength = layout.maxLength
    }

    /// Length of the vectors: the encoder's width, or the last `Dense` module's output.
    public var dimension: Int { layout.outputDimension }

    /// The architecture, as `config.json`'s `model_type` names it (`bert`, `distilbert`).
    public var family: String { layout.configuration.modelType ?? "bert" }

    /// The encoder's configuration.
    public var configuration: BertConfiguration { layout.configuration }

    /// Loads the tokenizer and the weights now rather than on the first text.
    public func load() throws(InferenceError) {
        _ = try loadedModel()
    }

    public func embed(_ texts: [String]) throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let model = try loadedModel()
        let batch = model.tokenizer.batch(layout.lowercasesInput ? texts.map { $0.lowercased() } : texts, maxLength: maxLength)
        return model.head.apply(model.model.encode(batch), batch: batch)
    }

    /// The token ids the model reads for `text`, `[CLS]` and `[SEP]` included.
    public func tokenIDs(_ text: String) throws(InferenceError) -> [Int32] {
        let model = try loadedModel()
        return model.tokenizer.encode(layout.lowercasesInput ? text.lowercased() : text, maxLength: maxLength)
    }

    private func loadedModel() throws(InferenceError) -> Loaded {
        try loaded.withLock { (state) throws(InferenceError) -> Loaded in
            if let state { return state }
            guard BLAS.isAvailable else {
                throw InferenceError(
                    .unsupported, path: folder, message: "OpenBLAS (libopenblas.so.0) cannot be loaded; install libopenblas0 (`make deps`)")
            }
            let tokenizer = try WordPieceTokenizer(folder: folder)
            let configuration = layout.configuration
            guard tokenizer.vocabulary.count <= configuration.vocabularySize else {
                throw InferenceError(.wrongShape, path: folder + "/vocab.txt", message: "vocab.txt has \(tokenizer.vocabulary.count) tokens but config.json's vocab_size is \(configuration.vocabularySize); the tokenizer does not belong to these weights, fetch the model again")
            }
            let model = Loaded(
                tokenizer: tokenizer,
                model: try BertModel(configuration: configuration, weights: SafetensorsFile(path: folder + "/model.safetensors")),
                head: try SentenceHead(layout))
            state = model
            return model
        }
    }
}
