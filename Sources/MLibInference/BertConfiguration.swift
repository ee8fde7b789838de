import Foundation

/// The shape of a BERT-family encoder, read from a Hugging Face `config.json`.
///
/// Two families share it: `bert` (`hidden_size`, `num_hidden_layers`, …) and
/// `distilbert`, whose own keys (`dim`, `n_layers`, `n_heads`, `hidden_dim`,
/// `activation`) are read into the same fields, with no token types and a layer norm
/// epsilon of 1e-12 (see `BertConfiguration+DistilBERT.swift`). Only what the encoder
/// needs is read; dropout and initialisation settings are ignored.
/// `validated(path:)` turns anything this engine cannot run into a one-line
/// `InferenceError`.
public struct BertConfiguration: Sendable, Hashable, Decodable {
    /// `model_type`; nil when the file does not say.
    public var modelType: String?
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    /// How many token types the embeddings know; 0 for DistilBERT, which has none.
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float
    /// `hidden_act` as written, for example `gelu` or `gelu_new`.
    public var hiddenActivation: String
    /// `position_embedding_type`; only `absolute` is supported.
    public var positionEmbeddingType: String?

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type"
        case vocabularySize = "vocab_size"
        case hiddenSize = "hidden_size"
        case layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads"
        case intermediateSize = "intermediate_size"
        case maxPositions = "max_position_embeddings"
        case typeVocabularySize = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps"
        case hiddenActivation = "hidden_act"
        case positionEmbeddingType = "position_embedding_type"
    }

    public init(
        vocabularySize: Int, hiddenSize: Int, layerCount: Int, headCount: Int,
        intermediateSize: Int, maxPositions: Int = 512, typeVocabularySize: Int = 2,
        layerNormEpsilon: Float = 1e-12, hiddenActivation: String = "gelu", modelType: String? = "bert"
    ) {
        self.modelType = modelType
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
        self.hiddenActivation = hiddenActivation
        self.positionEmbeddingType = "absolute"
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let modelType = try values.decodeIfPresent(String.self, forKey: .modelType)
        if modelType == Self.distilBERT {
            try self.init(distilBERT: decoder)
            return
        }
        self.init(
            vocabularySize: try values.decode(Int.self, forKey: .vocabularySize),
            hiddenSize: try values.decode(Int.self, forKey: .hiddenSize),
            layerCount: try values.decode(Int.self, forKey: .layerCount),
            headCount: try values.decode(Int.self, forKey: .headCount),
            intermediateSize: try values.decode(Int.self, forKey: .intermediateSize),
            maxPositions: try values.decodeIfPresent(Int.self, forKey: .maxPositions) ?? 512,
            typeVocabularySize: try values.decodeIfPresent(Int.self, forKey: .typeVocabularySize) ?? 2,
            layerNormEpsilon: try values.decodeIfPresent(Float.self, forKey: .layerNormEpsilon) ?? 1e-12,
            hiddenActivation: try values.decodeIfPresent(String.self, forKey: .hiddenActivation) ?? "gelu",
            modelType: modelType
        )
        positionEmbeddingType = try values.decodeIfPresent(String.self, forKey: .positionEmbeddingType)
    }

    /// The `model_type` values this engine runs.
    public static let supportedModelTypes = ["bert", distilBERT]

    /// Reads and validates `config.json` in a model folder.
    ///
    /// The model type is checked before the sizes, so a RoBERTa or T5 folder is
    /// refused as unsupported rather than as a malformed BERT configuration.
    public static func load(folder: String) throws(InferenceError) -> BertConfiguration {
        let path = folder + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError(.missingFile, path: path, message: "the model folder has no config.json; it is not a Hugging Face model folder")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw InferenceError(.malformed, path: path, message: "config.json is not a JSON object; the model folder is damaged, fetch the model again")
        }
        if let modelType = object["model_type"] as? String, !supportedModelTypes.contains(modelType) {
            throw unsupported(modelType: modelType, path: path)
        }
        let configuration: BertConfiguration
        do {
            configuration = try JSONDecoder().decode(BertConfiguration.self, from: data)
        } catch {
            let family = object["model_type"] as? String ?? "BERT"
            throw InferenceError(.malformed, path: path, message: "config.json is not a \(family) configuration (\(Self.summary(of: error))); fetch the model again")
        }
        return try configuration.validated(path: path)
    }

    /// Whether the embeddings add a token-type vector (BERT) or not (DistilBERT).
    public var hasTokenTypes: Bool { modelType != Self.distilBERT }

    /// The activation `hidden_act` names.
    public var activation: Activation? {
        Activation(huggingFaceName: hiddenActivation)
    }

    /// The width of one attention head.
    public var headSize: Int { hiddenSize / max(headCount, 1) }

    /// `self` if this engine can run it; otherwise an `unsupported` or `malformed` error
    /// for the file at `path`.
    public func validated(path: String) throws(InferenceError) -> BertConfiguration {
        if let modelType, !Self.supportedModelTypes.contains(modelType) {
            throw Self.unsupported(modelType: modelType, path: path)
        }
        if let positionEmbeddingType, positionEmbeddingType != "absolute" {
            throw InferenceError(.unsupported, path: path, message: "position_embedding_type '\(positionEmbeddingType)' is not supported; only 'absolute' can run")
        }
        guard activation != nil else {
            let key = hasTokenTypes ? "hidden_act" : "activation"
            throw InferenceError(.unsupported, path: path, message: "\(key) '\(hiddenActivation)' is not supported; mlib runs gelu, gelu_new, gelu_pytorch_tanh and relu")
        }
        let sizes = [vocabularySize, hiddenSize, layerCount, headCount, intermediateSize, maxPositions] + (hasTokenTypes ? [typeVocabularySize] : [])
        guard sizes.allSatisfy({ $0 > 0 }), hiddenSize % headCount == 0, layerNormEpsilon.isFinite, layerNormEpsilon >= 0 else {
            let names = hasTokenTypes ? ("hidden_size", "num_attention_heads") : ("dim", "n_heads")
            throw InferenceError(.malformed, path: path, message: "config.json has impossible sizes (\(names.0) \(hiddenSize) must be a positive multiple of \(names.1) \(headCount), all sizes positive); fetch the model again")
        }
        return self
    }

    private static func unsupported(modelType: String, path: String) -> InferenceError {
        InferenceError(.unsupported, path: path, message: "model_type '\(modelType)' is not supported; mlib runs \(supportedModelTypes.joined(separator: " and ")) encoders with a WordPiece vocab.txt")
    }

    static func summary(of error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): "no '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case .dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
