import Foundation

/// What a sentence model folder says about itself, read from its small JSON files
/// without touching the weights: the encoder's configuration, the module list, the
/// pooling mode, the Dense layers' sizes, the token window and the output width.
///
/// Both `SentenceEncoder` and `ModelInspector` start here, so a folder this engine
/// cannot run is refused, with one line saying why, before anything loads.
struct ModelFolder: Sendable {
    /// The folder, as given.
    let path: String
    let configuration: BertConfiguration
    let modules: SentenceModules
    let poolingMode: SentencePooling.Mode
    /// The Dense modules after pooling, in order.
    let denseSettings: [SentenceDense.Settings]
    /// Tokens per text, `[CLS]` and `[SEP]` included.
    let maxLength: Int
    /// Whether texts are lower-cased before tokenising (`sentence_bert_config.json`'s
    /// `do_lower_case`, which sentence-transformers applies on top of the tokenizer's own).
    let lowercasesInput: Bool
    /// The width of the vectors the model makes: the encoder's, or the last Dense layer's.
    let outputDimension: Int

    /// Largest `model_max_length` taken at its word; tokenizers with no limit write
    /// huge sentinels such as 1e30.
    static let plausibleMaxLength = 1_000_000.0

    init(path: String) throws(InferenceError) {
        self.path = path
        if ModelInspector.isCLIP(folder: path) {
            throw InferenceError(.unsupported, path: path + "/config.json", message: "this is a CLIP model (text and image towers), not a sentence model; use it as the picture model, not as the text model")
        }
        // A sentence-transformers folder with a Pooling module embeds, whatever its
        // config.json's architectures (some bi-encoders start from classifiers).
        if CrossEncoderFolder.isCrossEncoder(folder: path), (try? SentenceModules.read(folder: path))?.poolingPath == nil {
            throw InferenceError(.unsupported, path: path + "/config.json", message: "this is a cross-encoder (a sequence-classification model that scores query and passage pairs), not a sentence model; it makes no vectors, use it to rerank")
        }
        configuration = try BertConfiguration.load(folder: path)
        try Self.checkVocabulary(in: path)
        modules = try SentenceModules.read(folder: path)
        poolingMode = try modules.poolingPath.map { pooling throws(InferenceError) in
            try SentencePooling.readMode(path + "/" + pooling + "/config.json")
        } ?? .mean
        var width = configuration.hiddenSize
        var dense: [SentenceDense.Settings] = []
        for module in modules.head where module.kind == .dense {
            let settings = try SentenceDense.Settings(folder: path + "/" + module.path)
            guard settings.inFeatures == width else {
                throw InferenceError(.wrongShape, path: settings.folder + "/config.json", message: "the Dense module takes \(settings.inFeatures)-wide vectors but gets \(width)-wide ones; the module does not belong to this model")
            }
            width = settings.outFeatures
            dense.append(settings)
        }
        denseSettings = dense
        outputDimension = width

        let sentenceConfig = try Self.jsonObject(path + "/sentence_bert_config.json")
        let tokenizerConfig = try Self.jsonObject(path + "/tokenizer_config.json")
        let positions = configuration.maxPositions
        var length = positions
        if let configured = (sentenceConfig?["max_seq_length"] as? NSNumber)?.doubleValue, configured >= 1 {
            length = Int(min(configured, Double(positions)))
        } else if let limit = (tokenizerConfig?["model_max_length"] as? NSNumber)?.doubleValue, limit >= 1, limit <= Self.plausibleMaxLength {
            length = Int(min(limit, Double(positions)))
        }
        guard length >= 2 else {
            throw InferenceError(.malformed, path: path + "/sentence_bert_config.json", message: "the model's window of \(length) token leaves no room for [CLS] and [SEP]; set max_seq_length to 2 or more")
        }
        maxLength = length
        lowercasesInput = sentenceConfig?["do_lower_case"] as? Bool ?? false
    }

    /// Files of the folder whose bytes decide the vectors, beyond the fixed list
    /// `ModelInspector` hashes: configurations of modules in other folders than the
    /// usual `1_Pooling` and `2_Dense`.
    var moduleConfigurationFiles: [String] {
        modules.modules.filter { !$0.path.isEmpty }.map { $0.path + "/config.json" }
    }

    /// The Dense weights files, relative to the folder.
    var denseWeightFiles: [String] {
        modules.head.filter { $0.kind == .dense }.map { $0.path + "/model.safetensors" }
    }

    /// A one-line refusal when the folder has no WordPiece `vocab.txt`, naming the
    /// tokenizer it has instead.
    private static func checkVocabulary(in folder: String) throws(InferenceError) {
        let files = FileManager.default
        guard !files.fileExists(atPath: folder + "/vocab.txt") else { return }
        let sentencePiece = ["sentencepiece.bpe.model", "spiece.model", "tokenizer.model"].first { files.fileExists(atPath: folder + "/" + $0) }
        let message: String
        if let sentencePiece {
            message = "the tokenizer is SentencePiece (\(sentencePiece)) and there is no vocab.txt; mlib runs WordPiece vocabularies only"
        } else if files.fileExists(atPath: folder + "/tokenizer.json") {
            message = "the folder has tokenizer.json but no vocab.txt; mlib needs the WordPiece vocab.txt a BERT tokenizer is saved with"
        } else {
            message = "no vocab.txt: mlib runs BERT-family models with a WordPiece vocabulary"
        }
        throw InferenceError(.unsupported, path: folder, message: message)
    }

    /// The JSON object in `path`, nil when there is no such file.
    static func jsonObject(_ path: String) throws(InferenceError) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            let name = (path as NSString).lastPathComponent
            throw InferenceError(.malformed, path: path, message: "\(name) is not a JSON object; the model folder is damaged, fetch the model again")
        }
        return object
    }
}
