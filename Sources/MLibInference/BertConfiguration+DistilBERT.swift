/// DistilBERT's `config.json`, read into the BERT fields.
///
/// DistilBERT is BERT without token types or pooler, with its own key names; its
/// layer norms use a fixed epsilon of 1e-12 and its feed-forward activation is
/// `activation` (`gelu` or `relu`).
extension BertConfiguration {
    /// The `model_type` of a DistilBERT folder.
    public static let distilBERT = "distilbert"

    private enum DistilBERTKeys: String, CodingKey {
        case vocabularySize = "vocab_size"
        case dimension = "dim"
        case layerCount = "n_layers"
        case headCount = "n_heads"
        case hiddenDimension = "hidden_dim"
        case maxPositions = "max_position_embeddings"
        case activation
    }

    init(distilBERT decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: DistilBERTKeys.self)
        self.init(
            vocabularySize: try values.decode(Int.self, forKey: .vocabularySize),
            hiddenSize: try values.decode(Int.self, forKey: .dimension),
            layerCount: try values.decode(Int.self, forKey: .layerCount),
            headCount: try values.decode(Int.self, forKey: .headCount),
            intermediateSize: try values.decode(Int.self, forKey: .hiddenDimension),
            maxPositions: try values.decodeIfPresent(Int.self, forKey: .maxPositions) ?? 512,
            typeVocabularySize: 0,
            layerNormEpsilon: 1e-12,
            hiddenActivation: try values.decodeIfPresent(String.self, forKey: .activation) ?? "gelu",
            modelType: Self.distilBERT
        )
    }
}
