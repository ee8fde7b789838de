/// Where each weight of a BERT-family encoder lives in a checkpoint.
///
/// BERT and DistilBERT have the same post-norm encoder layer (attention, add and
/// norm, feed-forward, add and norm) under different names; one table per family
/// lets a single encoder load both. A `BertForX` / `DistilBertForX` checkpoint puts
/// `bert.` / `distilbert.` before every name, a bare model does not.
extension BertModel {
    struct TensorNames: Sendable {
        /// The prefix a task checkpoint adds.
        var taskPrefix: String
        var wordEmbeddings: String
        var positionEmbeddings: String
        /// nil when the family has no token types.
        var tokenTypeEmbeddings: String?
        /// A LayerNorm's name, without `.weight` / `.bias`.
        var embeddingNorm: String
        /// The names inside layer `index`, each without `.weight` / `.bias`.
        var layer: @Sendable (Int) -> Layer

        struct Layer {
            var query: String
            var key: String
            var value: String
            var attentionOutput: String
            var attentionNorm: String
            var intermediate: String
            var output: String
            var outputNorm: String
        }

        static let bert = TensorNames(
            taskPrefix: "bert.",
            wordEmbeddings: "embeddings.word_embeddings.weight",
            positionEmbeddings: "embeddings.position_embeddings.weight",
            tokenTypeEmbeddings: "embeddings.token_type_embeddings.weight",
            embeddingNorm: "embeddings.LayerNorm",
            layer: { index in
                let base = "encoder.layer.\(index)."
                return Layer(
                    query: base + "attention.self.query", key: base + "attention.self.key",
                    value: base + "attention.self.value", attentionOutput: base + "attention.output.dense",
                    attentionNorm: base + "attention.output.LayerNorm", intermediate: base + "intermediate.dense",
                    output: base + "output.dense", outputNorm: base + "output.LayerNorm")
            })

        static let distilBERT = TensorNames(
            taskPrefix: "distilbert.",
            wordEmbeddings: "embeddings.word_embeddings.weight",
            positionEmbeddings: "embeddings.position_embeddings.weight",
            tokenTypeEmbeddings: nil,
            embeddingNorm: "embeddings.LayerNorm",
            layer: { index in
                let base = "transformer.layer.\(index)."
                return Layer(
                    query: base + "attention.q_lin", key: base + "attention.k_lin",
                    value: base + "attention.v_lin", attentionOutput: base + "attention.out_lin",
                    attentionNorm: base + "sa_layer_norm", intermediate: base + "ffn.lin1",
                    output: base + "ffn.lin2", outputNorm: base + "output_layer_norm")
            })

        /// The names of the family `configuration` describes.
        static func of(_ configuration: BertConfiguration) -> TensorNames {
            configuration.hasTokenTypes ? .bert : .distilBERT
        }

        /// The prefix `weights` uses: none when the bare names are there, else the task prefix when those are.
        func prefix(in weights: SafetensorsFile) -> String {
            weights.contains(wordEmbeddings) || !weights.contains(taskPrefix + wordEmbeddings) ? "" : taskPrefix
        }
    }
}
