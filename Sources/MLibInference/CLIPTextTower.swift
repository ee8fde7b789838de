/// CLIP's text tower: token ids in, L2-normalised vectors of the shared space out.
///
/// Token and position embeddings, a causal pre-LayerNorm transformer, the final
/// LayerNorm at the end token, then the text projection, as transformers'
/// `CLIPModel.get_text_features` followed by normalisation. The pooled position is
/// the first end token (`eos_token_id` of the configuration); a configuration with
/// the legacy `eos_token_id` 2 pools at the first largest id instead, as
/// transformers does. Because attention is causal, nothing after the pooled position
/// changes the vector, so each text runs only that far, unpadded.
///
/// Weights are used in place from the mapped file where they are F32; `embed` keeps
/// no state, so one tower serves any number of threads.
public final class CLIPTextTower: Sendable {
    public let configuration: CLIPConfiguration
    private let tokenEmbedding: Weight
    private let positionEmbedding: Weight
    private let encoder: CLIPEncoder
    private let finalNorm: NormLayer
    private let projection: Weight

    /// Texts per pass, to bound scratch memory.
    private static let textsPerPass = 64

    /// Builds the tower from `text_model.*` and `text_projection.weight` in `weights`.
    public init(configuration: CLIPConfiguration, weights: SafetensorsFile) throws(InferenceError) {
        let text = configuration.text
        let hidden = text.encoder.hiddenSize
        self.configuration = configuration
        tokenEmbedding = try weights.weight(named: "text_model.embeddings.token_embedding.weight", expectedShape: [text.vocabularySize, hidden])
        positionEmbedding = try weights.weight(named: "text_model.embeddings.position_embedding.weight", expectedShape: [text.maxPositions, hidden])
        encoder = try CLIPEncoder("text_model.encoder.", configuration: text.encoder, causal: true, weights: weights)
        finalNorm = try NormLayer("text_model.final_layer_norm", from: weights, width: hidden, epsilon: text.encoder.layerNormEpsilon)
        projection = try weights.weight(named: "text_projection.weight", expectedShape: [configuration.projectionDimension, hidden])
    }

    /// Length of the vectors: the projection's width.
    public var dimension: Int { configuration.projectionDimension }

    /// Whether every F32 weight is read in place from the mapped file.
    var usesMappedWeights: Bool {
        ([tokenEmbedding, positionEmbedding, finalNorm.weight, projection] + encoder.weights).allSatisfy(\.isMapped)
    }

    /// The position whose state becomes the vector of `ids`: the first end token, or
    /// for legacy configurations the first largest id (0 when there is no end token,
    /// as transformers' argmax gives).
    public func pooledPosition(_ ids: [Int32]) -> Int {
        if configuration.poolsAtLargestID {
            guard let largest = ids.max() else { return 0 }
            return ids.firstIndex(of: largest) ?? 0
        }
        return ids.firstIndex(of: Int32(configuration.text.endTokenID)) ?? 0
    }

    /// One L2-normalised vector per id sequence, in order.
    ///
    /// Each sequence is what `CLIPTokenizer.encode` makes: at most
    /// `max_position_embeddings` ids, all inside the vocabulary.
    public func embed(_ sequences: [[Int32]]) -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(sequences.count)
        var start = 0
        while start < sequences.count {
            let end = min(start + Self.textsPerPass, sequences.count)
            vectors += embedPass(Array(sequences[start..<end]))
            start = end
        }
        return vectors
    }

    private func embedPass(_ sequences: [[Int32]]) -> [[Float]] {
        let text = configuration.text
        let hidden = text.encoder.hiddenSize
        let lengths = sequences.map { sequence in
            precondition(!sequence.isEmpty && sequence.count <= text.maxPositions, "A text of \(sequence.count) tokens does not fit the model's \(text.maxPositions) positions")
            return pooledPosition(sequence) + 1
        }
        let packing = CLIPEncoder.Packing(lengths: lengths)
        let states = UnsafeMutablePointer<Float>.allocate(capacity: packing.rows * hidden)
        defer { states.deallocate() }
        tokenEmbedding.withPointer { table in
            positionEmbedding.withPointer { positions in
                for (entry, sequence) in sequences.enumerated() {
                    for position in 0..<lengths[entry] {
                        let id = Int(sequence[position])
                        precondition(id >= 0 && id < text.vocabularySize, "Token id \(id) is outside the embedding table of \(text.vocabularySize) rows")
                        let target = states + (packing.starts[entry] + position) * hidden
                        let word = table + id * hidden
                        let place = positions + position * hidden
                        for column in 0..<hidden { target[column] = word[column] + place[column] }
                    }
                }
            }
        }
        var pooled = encoder.wantedStates(states, packing: packing, wanted: lengths.map { $0 - 1 })
        return CLIPProjection.project(&pooled, rows: sequences.count, norm: finalNorm, projection: projection)
    }
}
