public import Foundation

/// A text cross-encoder: reads a query and a passage together and says how well the passage answers.
///
/// The folder is a Hugging Face `BertForSequenceClassification` model, such as
/// `cross-encoder/ms-marco-MiniLM-L-6-v2`: `config.json`, `model.safetensors` (the
/// `bert.` encoder, its pooler and the classifier; names without `bert.` load
/// too) and the WordPiece `vocab.txt` with its `tokenizer_config.json`. Each pair
/// is read as `[CLS] query [SEP] passage [SEP]` and cut to the model's window the
/// way `transformers` cuts pairs, so the scores are those sentence-transformers'
/// `CrossEncoder.predict` gives before any activation.
///
/// Creating one maps the weights (F32 ones are used in place) and checks every
/// tensor, so a folder that cannot run fails here with one line saying why.
/// `scores` keeps no state between calls, so one encoder can serve several threads.
///
/// ```swift
/// let reranker = try CrossEncoder(folder: URL(fileURLWithPath: "models/ms-marco-MiniLM-L-6-v2"))
/// let scores = try reranker.scores(query: "seaside holiday", documents: ["A week at the beach", "Tax forms"])
/// ```
public final class CrossEncoder: Sendable {
    /// The folder's name, as people call the model.
    public let name: String
    /// Tokens per pair, `[CLS]` and both `[SEP]`s included.
    let maxLength: Int
    private let tokenizer: WordPieceTokenizer
    private let model: BertModel
    private let head: CrossEncoderHead

    /// Padded tokens per forward pass, which bounds the working memory (about 25 MB
    /// for MiniLM-L6) while leaving batches wide enough for BLAS.
    static let tokensPerBatch = 4096

    /// Loads the cross-encoder in `folder`; fails with a one-line reason when it is
    /// not one (no sequence-classification architecture, no classifier weights) or
    /// cannot run here.
    public init(folder: URL) throws(InferenceError) {
        let path = folder.path
        name = folder.standardizedFileURL.lastPathComponent
        let layout = try CrossEncoderFolder(path: path)
        guard BLAS.isAvailable else {
            throw InferenceError(.unsupported, path: path, message: "OpenBLAS (libopenblas.so.0) cannot be loaded; install libopenblas0 (`make deps`)")
        }
        let tokenizer = try WordPieceTokenizer(folder: path)
        let configuration = layout.configuration
        guard tokenizer.vocabulary.count <= configuration.vocabularySize else {
            throw InferenceError(.wrongShape, path: path + "/vocab.txt", message: "vocab.txt has \(tokenizer.vocabulary.count) tokens but config.json's vocab_size is \(configuration.vocabularySize); the tokenizer does not belong to these weights, fetch the model again")
        }
        let weights = try SafetensorsFile(path: path + "/model.safetensors")
        model = try BertModel(configuration: configuration, weights: weights)
        head = try CrossEncoderHead(
            weights: weights, prefix: BertModel.TensorNames.bert.prefix(in: weights),
            hiddenSize: configuration.hiddenSize, labelCount: layout.labelCount)
        self.tokenizer = tokenizer
        maxLength = layout.maxLength
    }

    /// Raw logits, one per (query, document) pair, in input order (the first label's logit when num_labels == 1; for num_labels == 2, logit[1] - logit[0]).
    ///
    /// Higher means more relevant; the scale is the model's own. Pairs run in
    /// batches of similar length, each padded to its longest pair, so a batch gives
    /// the same scores as one pair at a time.
    public func scores(query: String, documents: [String]) throws(InferenceError) -> [Float] {
        guard !documents.isEmpty else { return [] }
        let queryPieces = tokenizer.pieceIDs(query)
        let pairs = documents.map { document in
            CrossEncoderPair(query: queryPieces, passage: tokenizer.pieceIDs(document), maxLength: maxLength, tokenizer: tokenizer)
        }
        var scores = [Float](repeating: 0, count: pairs.count)
        for batch in Self.batches(lengths: pairs.map(\.ids.count)) {
            let members = batch.map { pairs[$0] }
            let tokens = TokenBatch(sequences: members.map(\.ids), padID: tokenizer.padID)
            let types = members.flatMap { $0.types + Array(repeating: 0, count: tokens.sequenceLength - $0.types.count) }
            let hidden = model.encode(tokens, tokenTypes: types)
            for (index, score) in zip(batch, head.scores(hidden)) {
                scores[index] = score
            }
        }
        return scores
    }

    /// Whether `folder` holds a sequence-classification model (config.json architectures contains "ForSequenceClassification"), cheaply.
    ///
    /// Only `config.json` is read; whether the model can run is for `init` to say.
    public static func isCrossEncoder(folder: URL) -> Bool {
        CrossEncoderFolder.isCrossEncoder(folder: folder.path)
    }

    /// The pair `query` and `document` make, cut to the window.
    func pair(query: String, document: String) -> CrossEncoderPair {
        CrossEncoderPair(query: tokenizer.pieceIDs(query), passage: tokenizer.pieceIDs(document), maxLength: maxLength, tokenizer: tokenizer)
    }

    /// Pair indices grouped longest first, each group no more than `tokensPerBatch`
    /// padded tokens (or one pair).
    static func batches(lengths: [Int]) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        var batches: [[Int]] = []
        for index in order {
            // Longest first, so a group's first pair sets its padded length.
            if let first = batches.last?.first, (batches[batches.count - 1].count + 1) * lengths[first] <= tokensPerBatch {
                batches[batches.count - 1].append(index)
            } else {
                batches.append([index])
            }
        }
        return batches
    }
}
