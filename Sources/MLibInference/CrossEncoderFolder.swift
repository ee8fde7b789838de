import Foundation

/// What a cross-encoder folder says about itself, read from its small JSON files
/// without touching the weights: the encoder's configuration, how many labels the
/// classifier has and the token window a pair must fit.
///
/// A cross-encoder is a Hugging Face `BertForSequenceClassification` folder, as
/// `cross-encoder/ms-marco-MiniLM-L-6-v2` is laid out; anything else is refused with
/// one line saying why.
struct CrossEncoderFolder: Sendable {
    /// The folder, as given.
    let path: String
    let configuration: BertConfiguration
    /// The classifier's outputs: 1 (a relevance logit) or 2 (not relevant, relevant).
    let labelCount: Int
    /// Tokens per pair, `[CLS]` and both `[SEP]`s included: 512, or less when
    /// `sentence_bert_config.json`'s `max_seq_length`, the tokenizer's
    /// `model_max_length` or the model's positions say so.
    let maxLength: Int

    /// The longest window a cross-encoder is given, as sentence-transformers and the
    /// ms-marco models assume.
    static let longestWindow = 512

    /// The architecture suffix of a sequence-classification checkpoint.
    static let architectureSuffix = "ForSequenceClassification"

    /// Whether `folder/config.json` lists a sequence-classification architecture
    /// (read without judging anything else).
    static func isCrossEncoder(folder: String) -> Bool {
        guard let object = try? ModelFolder.jsonObject(folder + "/config.json") else { return false }
        return architectures(in: object).contains { $0.hasSuffix(architectureSuffix) }
    }

    init(path: String) throws(InferenceError) {
        self.path = path
        let configPath = path + "/config.json"
        guard let config = try ModelFolder.jsonObject(configPath) else {
            throw InferenceError(.missingFile, path: configPath, message: "the model folder has no config.json; it is not a Hugging Face model folder")
        }
        let architectures = Self.architectures(in: config)
        guard let architecture = architectures.first(where: { $0.hasSuffix(Self.architectureSuffix) }) else {
            let named = architectures.isEmpty ? "no architectures" : "architectures \(architectures.joined(separator: ", "))"
            throw InferenceError(.unsupported, path: configPath, message: "config.json lists \(named), not a sequence-classification head; this is not a cross-encoder (a sentence model embeds passages instead)")
        }
        guard architecture == "Bert" + Self.architectureSuffix, config["model_type"] as? String ?? "bert" == "bert" else {
            throw InferenceError(.unsupported, path: configPath, message: "\(architecture) is not supported; mlib runs BertForSequenceClassification cross-encoders with a WordPiece vocab.txt")
        }
        configuration = try BertConfiguration.load(folder: path)
        labelCount = try Self.labelCount(in: config, path: configPath)

        let sentenceConfig = try ModelFolder.jsonObject(path + "/sentence_bert_config.json")
        let tokenizerConfig = try ModelFolder.jsonObject(path + "/tokenizer_config.json")
        var length = min(Self.longestWindow, configuration.maxPositions)
        if let configured = (sentenceConfig?["max_seq_length"] as? NSNumber)?.doubleValue, configured >= 1 {
            length = Int(min(configured, Double(length)))
        } else if let limit = (tokenizerConfig?["model_max_length"] as? NSNumber)?.doubleValue, limit >= 1 {
            length = Int(min(limit, Double(length)))
        }
        guard length >= 3 else {
            throw InferenceError(.malformed, path: path + "/tokenizer_config.json", message: "the model's window of \(length) tokens leaves no room for [CLS] and two [SEP]s; set model_max_length to 3 or more")
        }
        maxLength = length
    }

    /// `num_labels` when written, else the size of `id2label`, else transformers'
    /// default of 2; only 1 and 2 say how relevant a passage is.
    private static func labelCount(in config: [String: Any], path: String) throws(InferenceError) -> Int {
        let count = (config["num_labels"] as? NSNumber)?.intValue ?? (config["id2label"] as? [String: Any])?.count ?? 2
        guard count == 1 || count == 2 else {
            throw InferenceError(.unsupported, path: path, message: "the classifier has \(count) labels; mlib reranks with cross-encoders of one relevance logit or two labels (not relevant, relevant)")
        }
        return count
    }

    private static func architectures(in config: [String: Any]) -> [String] {
        config["architectures"] as? [String] ?? []
    }
}
