import Foundation

/// The shape of a CLIP model, read from a Hugging Face `config.json` (`model_type`
/// `clip`): a text tower, a vision tower and the width of the space both project into.
///
/// Each tower's settings are `text_config` / `vision_config` over transformers'
/// defaults (those of `openai/clip-vit-base-patch32`). Older files also carry
/// `text_config_dict` / `vision_config_dict`; as in transformers, such a dict, filled
/// with the defaults, replaces the tower's settings. Only what inference needs is
/// read. `validated(path:)` turns anything this engine cannot run into a one-line
/// `InferenceError`.
public struct CLIPConfiguration: Sendable, Hashable {
    /// One tower's transformer: the parts the text and vision towers share.
    public struct Encoder: Sendable, Hashable {
        public var hiddenSize: Int
        public var intermediateSize: Int
        public var layerCount: Int
        public var headCount: Int
        public var layerNormEpsilon: Float
        /// `hidden_act` as written: `quick_gelu` in OpenAI's models, `gelu` in some others.
        public var hiddenActivation: String

        /// The width of one attention head.
        public var headSize: Int { hiddenSize / max(headCount, 1) }

        /// The activation `hidden_act` names, or nil when this engine does not know it.
        public var activation: Activation? { Activation(huggingFaceName: hiddenActivation) }
    }

    /// The text tower's settings.
    public struct Text: Sendable, Hashable {
        public var encoder: Encoder
        public var vocabularySize: Int
        /// Token positions, which is also the tokenizer's window (77).
        public var maxPositions: Int
        /// The token whose state is pooled. `2` is the value of configurations saved
        /// before transformers fixed it; those pool at the largest id instead.
        public var endTokenID: Int
    }

    /// The vision tower's settings.
    public struct Vision: Sendable, Hashable {
        public var encoder: Encoder
        /// Width and height of the square pixel_values the tower reads.
        public var imageSize: Int
        public var patchSize: Int
        public var channelCount: Int

        /// Patches along one side.
        public var gridSize: Int { imageSize / max(patchSize, 1) }
        /// Tokens the encoder sees: one per patch, plus the class token.
        public var tokenCount: Int { gridSize * gridSize + 1 }
        /// Floats in one image's pixel_values: channels × size × size.
        public var pixelCount: Int { channelCount * imageSize * imageSize }
    }

    public var text: Text
    public var vision: Vision
    /// The width of the shared space: both projections' output and the vectors' length.
    public var projectionDimension: Int

    /// The `model_type` of a CLIP folder.
    public static let modelType = "clip"

    public init(text: Text, vision: Vision, projectionDimension: Int) {
        self.text = text
        self.vision = vision
        self.projectionDimension = projectionDimension
    }

    /// Reads and validates `config.json` in a model folder.
    public static func load(folder: String) throws(InferenceError) -> CLIPConfiguration {
        let path = folder + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InferenceError(.missingFile, path: path, message: "the model folder has no config.json; it is not a Hugging Face model folder")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw InferenceError(.malformed, path: path, message: "config.json is not a JSON object; the model folder is damaged, fetch the model again")
        }
        return try CLIPConfiguration(json: object, path: path).validated(path: path)
    }

    /// The configuration a parsed `config.json` describes; `path` names it in errors.
    init(json object: [String: Any], path: String) throws(InferenceError) {
        let modelType = object["model_type"] as? String
        guard modelType == Self.modelType else {
            throw InferenceError(.unsupported, path: path, message: "model_type '\(modelType ?? "none")' is not a CLIP model; mlib reads CLIPModel folders (model_type 'clip')")
        }
        let text = Self.towerSettings(object, key: "text_config")
        let vision = Self.towerSettings(object, key: "vision_config")
        func integer(_ settings: [String: Any], _ key: String, _ fallback: Int) throws(InferenceError) -> Int {
            guard let value = settings[key] else { return fallback }
            if let list = value as? [NSNumber], let first = list.first, list.allSatisfy({ $0.intValue == first.intValue }) {
                return first.intValue  // image_size and patch_size may be written [n, n]
            }
            guard let number = value as? NSNumber, Double(number.intValue) == number.doubleValue else {
                throw InferenceError(.malformed, path: path, message: "config.json's '\(key)' is not a whole number (or a square size); fetch the model again")
            }
            return number.intValue
        }
        func float(_ settings: [String: Any], _ key: String, _ fallback: Float) -> Float {
            (settings[key] as? NSNumber)?.floatValue ?? fallback
        }
        func encoder(_ settings: [String: Any], hidden: Int, inner: Int, heads: Int) throws(InferenceError) -> Encoder {
            Encoder(
                hiddenSize: try integer(settings, "hidden_size", hidden),
                intermediateSize: try integer(settings, "intermediate_size", inner),
                layerCount: try integer(settings, "num_hidden_layers", 12),
                headCount: try integer(settings, "num_attention_heads", heads),
                layerNormEpsilon: float(settings, "layer_norm_eps", 1e-5),
                hiddenActivation: settings["hidden_act"] as? String ?? "quick_gelu")
        }
        var endToken = 49407
        if let value = text["eos_token_id"] {
            guard let number = value as? NSNumber else {
                throw InferenceError(.unsupported, path: path, message: "text_config's eos_token_id is not one number; mlib pools CLIP text at a single end token")
            }
            endToken = number.intValue
        }
        self.init(
            text: Text(
                encoder: try encoder(text, hidden: 512, inner: 2048, heads: 8),
                vocabularySize: try integer(text, "vocab_size", 49408),
                maxPositions: try integer(text, "max_position_embeddings", 77),
                endTokenID: endToken),
            vision: Vision(
                encoder: try encoder(vision, hidden: 768, inner: 3072, heads: 12),
                imageSize: try integer(vision, "image_size", 224),
                patchSize: try integer(vision, "patch_size", 32),
                channelCount: try integer(vision, "num_channels", 3)),
            projectionDimension: try integer(object, "projection_dim", 512))
    }

    /// A tower's settings: `KEY_dict` when the file has one (it wins in transformers,
    /// defaults filling the rest), else `KEY`, else nothing (all defaults).
    private static func towerSettings(_ object: [String: Any], key: String) -> [String: Any] {
        if let legacy = object[key + "_dict"] as? [String: Any] { return legacy }
        return object[key] as? [String: Any] ?? [:]
    }

    /// `self` if this engine can run it; otherwise an `unsupported` or `malformed` error
    /// for the file at `path`.
    public func validated(path: String) throws(InferenceError) -> CLIPConfiguration {
        for (name, encoder) in [("text_config", text.encoder), ("vision_config", vision.encoder)] {
            guard encoder.activation != nil else {
                throw InferenceError(.unsupported, path: path, message: "\(name)'s hidden_act '\(encoder.hiddenActivation)' is not supported; mlib runs quick_gelu, gelu, gelu_new and relu")
            }
            let sizes = [encoder.hiddenSize, encoder.intermediateSize, encoder.layerCount, encoder.headCount]
            guard sizes.allSatisfy({ $0 > 0 }), encoder.hiddenSize % encoder.headCount == 0,
                  encoder.layerNormEpsilon.isFinite, encoder.layerNormEpsilon >= 0
            else {
                throw InferenceError(.malformed, path: path, message: "\(name) has impossible sizes (hidden_size \(encoder.hiddenSize) must be a positive multiple of num_attention_heads \(encoder.headCount), all sizes positive); fetch the model again")
            }
        }
        guard text.vocabularySize > 0, text.maxPositions >= 2, projectionDimension > 0 else {
            throw InferenceError(.malformed, path: path, message: "config.json has impossible sizes (vocab_size \(text.vocabularySize), max_position_embeddings \(text.maxPositions), projection_dim \(projectionDimension)); fetch the model again")
        }
        guard vision.patchSize > 0, vision.imageSize >= vision.patchSize, vision.imageSize % vision.patchSize == 0, vision.channelCount > 0 else {
            throw InferenceError(.malformed, path: path, message: "vision_config's image_size \(vision.imageSize) is not a whole number of patch_size \(vision.patchSize) patches; fetch the model again")
        }
        return self
    }

    /// Whether the file's end token is the legacy `2`, in which case transformers pools
    /// the text at the position of the largest id in each sequence.
    public var poolsAtLargestID: Bool { text.endTokenID == 2 }
}
