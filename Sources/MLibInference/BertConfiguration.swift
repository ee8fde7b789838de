import Foundation

/// The shape of a BERT encoder, read from a Hugging Face `config.json`.
///
/// Only what the encoder needs is read; dropout and initialisation settings are
/// ignored. `validated(path:)` turns anything this engine cannot run into a one-line
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
        modelType = try values.decodeIfPresent(String.self, forKey: .modelType)
        vocabularySize = try values.decode(Int.self, forKey: .vocabularySize)
        hiddenSize = try values.decode(Int.self, forKey: .hiddenSize)
        layerCount = try values.decode(Int.self, forKey: .layerCount)
        headCount = try values.decode(Int.self, forKey: .headCount)
        intermediateSize = try values.decode(Int.self, forKey: .intermediateSize)
        maxPositions = try values.decodeIfPresent(Int.self, forKey: .maxPositions) ?? 512
        typeVocabularySize = try values.decodeIfPresent(Int.self, forKey: .typeVocabularySize) ?? 2
        layerNormEpsilon = try values.decodeIfPresent(Float.self, forKey: .layerNormEpsilon) ?? 1e-12
        hiddenActivation = try values.decodeIfPresent(String.self, forKey: .hiddenActivation) ?? "gelu"
        positionEmbeddingType = try values.decodeIfPresent(String.self, forKey: .positionEmbeddingType)
    }

    /// Reads and validates `config.json` in a model folder.
    public static func load(folder: String) throws(InferenceError) -> BertConfiguration {
        let path = folder + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError(.missingFile, path: path, message: "the model folder has no config.json; it is not a Hugging Face model folder")
        }
        let configuration: BertConfiguration
        do {
            configuration = try JSONDecoder().decode(BertConfiguration.self, from: data)
        } catch {
            throw InferenceError(.malformed, path: path, message: "config.json is not a BERT configuration (\(Self.summary(of: error)))")
        }
        return try configuration.validated(path: path)
    }

    /// The activation `hidden_act` names.
    public var activation: Activation? {
        Activation(huggingFaceName: hiddenActivation)
    }

    /// The width of one attention head.
    public var headSize: Int { hiddenSize / max(headCount, 1) }

    /// `self` if this engine can run it; otherwise an `unsupported` or `malformed` error
    /// for the file at `path`.
    public func validated(path: String) throws(InferenceError) -> BertConfiguration {
        if let modelType, modelType != "bert" {
            throw InferenceError(.unsupported, path: path, message: "model_type '\(modelType)' is not supported; only BERT encoders ('bert') can run")
        }
        if let positionEmbeddingType, positionEmbeddingType != "absolute" {
            throw InferenceError(.unsupported, path: path, message: "position_embedding_type '\(positionEmbeddingType)' is not supported; only 'absolute' can run")
        }
        guard activation != nil else {
            throw InferenceError(.unsupported, path: path, message: "hidden_act '\(hiddenActivation)' is not supported; use gelu, gelu_new, gelu_pytorch_tanh or relu")
        }
        let sizes = [vocabularySize, hiddenSize, layerCount, headCount, intermediateSize, maxPositions, typeVocabularySize]
        guard sizes.allSatisfy({ $0 > 0 }), hiddenSize % headCount == 0, layerNormEpsilon.isFinite, layerNormEpsilon >= 0 else {
            throw InferenceError(.malformed, path: path, message: "config.json has impossible sizes (hidden_size \(hiddenSize) must be a positive multiple of num_attention_heads \(headCount), all sizes positive)")
        }
        return self
    }

    private static func summary(of error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): "no '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case .dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
