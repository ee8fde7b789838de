import Foundation

/// A BERT encoder: token ids in, the last layer's hidden states out.
///
/// Weights load from a Hugging Face folder (`config.json`, `model.safetensors`),
/// with or without the `bert.` prefix a `BertForX` checkpoint puts on the names, and
/// every tensor's shape is checked against the configuration. The query, key and
/// value projections are fused into one `[3·hidden, hidden]` matrix at load so each
/// layer starts with a single product.
///
/// `encode` keeps no state between calls, so one model can serve several threads.
public final class BertModel: Sendable {
    /// The configuration the weights were checked against.
    public let configuration: BertConfiguration
    private let activation: Activation
    private let wordEmbeddings: Tensor
    private let positionEmbeddings: Tensor
    private let tokenTypeEmbedding: Tensor
    private let embeddingNormWeight: Tensor
    private let embeddingNormBias: Tensor
    private let layers: [Layer]

    private struct Layer: Sendable {
        var qkvWeight: Tensor
        var qkvBias: Tensor
        var attentionOutputWeight: Tensor
        var attentionOutputBias: Tensor
        var attentionNormWeight: Tensor
        var attentionNormBias: Tensor
        var intermediateWeight: Tensor
        var intermediateBias: Tensor
        var outputWeight: Tensor
        var outputBias: Tensor
        var outputNormWeight: Tensor
        var outputNormBias: Tensor
    }

    /// Loads the model in `folder` from its `config.json` and `model.safetensors`.
    public convenience init(folder: String) throws(InferenceError) {
        let configuration = try BertConfiguration.load(folder: folder)
        let weights = try SafetensorsFile(path: folder + "/model.safetensors")
        try self.init(configuration: configuration, weights: weights)
    }

    /// Builds the encoder `configuration` describes from the tensors in `weights`.
    public init(configuration: BertConfiguration, weights: SafetensorsFile) throws(InferenceError) {
        let configuration = try configuration.validated(path: weights.path)
        self.configuration = configuration
        self.activation = configuration.activation!
        let prefix = weights.contains("embeddings.word_embeddings.weight") || !weights.contains("bert.embeddings.word_embeddings.weight") ? "" : "bert."
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        func load(_ name: String, _ shape: [Int]) throws(InferenceError) -> Tensor {
            try weights.tensor(named: prefix + name, expectedShape: shape)
        }
        wordEmbeddings = try load("embeddings.word_embeddings.weight", [configuration.vocabularySize, hidden])
        positionEmbeddings = try load("embeddings.position_embeddings.weight", [configuration.maxPositions, hidden])
        let tokenTypes = try load("embeddings.token_type_embeddings.weight", [configuration.typeVocabularySize, hidden])
        tokenTypeEmbedding = Tensor(shape: [hidden], storage: Array(tokenTypes.storage[0..<hidden]))
        embeddingNormWeight = try load("embeddings.LayerNorm.weight", [hidden])
        embeddingNormBias = try load("embeddings.LayerNorm.bias", [hidden])
        var layers: [Layer] = []
        for index in 0..<configuration.layerCount {
            let base = "encoder.layer.\(index)."
            let query = try load(base + "attention.self.query.weight", [hidden, hidden])
            let key = try load(base + "attention.self.key.weight", [hidden, hidden])
            let value = try load(base + "attention.self.value.weight", [hidden, hidden])
            let queryBias = try load(base + "attention.self.query.bias", [hidden])
            let keyBias = try load(base + "attention.self.key.bias", [hidden])
            let valueBias = try load(base + "attention.self.value.bias", [hidden])
            layers.append(Layer(
                qkvWeight: Tensor(shape: [3 * hidden, hidden], storage: query.storage + key.storage + value.storage),
                qkvBias: Tensor(shape: [3 * hidden], storage: queryBias.storage + keyBias.storage + valueBias.storage),
                attentionOutputWeight: try load(base + "attention.output.dense.weight", [hidden, hidden]),
                attentionOutputBias: try load(base + "attention.output.dense.bias", [hidden]),
                attentionNormWeight: try load(base + "attention.output.LayerNorm.weight", [hidden]),
                attentionNormBias: try load(base + "attention.output.LayerNorm.bias", [hidden]),
                intermediateWeight: try load(base + "intermediate.dense.weight", [inner, hidden]),
                intermediateBias: try load(base + "intermediate.dense.bias", [inner]),
                outputWeight: try load(base + "output.dense.weight", [hidden, inner]),
                outputBias: try load(base + "output.dense.bias", [hidden]),
                outputNormWeight: try load(base + "output.LayerNorm.weight", [hidden]),
                outputNormBias: try load(base + "output.LayerNorm.bias", [hidden])
            ))
        }
        self.layers = layers
    }

    /// The width of the hidden states, and of the sentence vectors pooled from them.
    public var hiddenSize: Int { configuration.hiddenSize }

    /// The last hidden states, `[batchSize, sequenceLength, hidden]`, of `batch`.
    ///
    /// Every token is of type 0 and positions count from 0. The ids must be inside the
    /// vocabulary and the sequence no longer than `max_position_embeddings`; the
    /// tokenizer of the same folder guarantees both. Rows of padding tokens hold
    /// zeros-derived values and carry no meaning.
    public func encode(_ batch: TokenBatch) -> Tensor {
        let batchSize = batch.batchSize
        let sequence = batch.sequenceLength
        let hidden = configuration.hiddenSize
        precondition(sequence <= configuration.maxPositions, "A sequence of \(sequence) tokens is longer than the model's \(configuration.maxPositions) positions")
        let rows = batchSize * sequence
        guard rows > 0 else { return Tensor(shape: [batchSize, sequence, hidden]) }

        var states = wordEmbeddings.embeddingLookup(batch.ids).storage
        var attended = [Float](repeating: 0, count: rows * hidden)
        var context = [Float](repeating: 0, count: rows * hidden)
        var qkv = [Float](repeating: 0, count: rows * 3 * hidden)
        var intermediate = [Float](repeating: 0, count: rows * configuration.intermediateSize)
        let lengths = Self.prefixLengths(batch)

        states.withUnsafeMutableBufferPointer { statesBuffer in
            let states = statesBuffer.baseAddress!
            positionEmbeddings.storage.withUnsafeBufferPointer { positions in
                tokenTypeEmbedding.storage.withUnsafeBufferPointer { tokenType in
                    for entry in 0..<batchSize {
                        Tensor.addRows(states + entry * sequence * hidden, rows: sequence, columns: hidden, vector: tokenType.baseAddress!)
                        let block = states + entry * sequence * hidden
                        for index in 0..<(sequence * hidden) {
                            block[index] += positions[index]
                        }
                    }
                }
            }
            Self.withPointers(embeddingNormWeight, embeddingNormBias) { weight, bias in
                Tensor.layerNorm(states, rows: rows, columns: hidden, weight: weight, bias: bias, epsilon: configuration.layerNormEpsilon)
            }
            attended.withUnsafeMutableBufferPointer { attended in
                context.withUnsafeMutableBufferPointer { context in
                    qkv.withUnsafeMutableBufferPointer { qkv in
                        intermediate.withUnsafeMutableBufferPointer { intermediate in
                            for layer in layers {
                                run(
                                    layer, states: states, attended: attended.baseAddress!, context: context.baseAddress!,
                                    qkv: qkv.baseAddress!, intermediate: intermediate.baseAddress!,
                                    batch: batch, lengths: lengths
                                )
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [batchSize, sequence, hidden], storage: states)
    }

    /// One encoder layer, in place on `states` (`[rows, hidden]`).
    private func run(
        _ layer: Layer, states: UnsafeMutablePointer<Float>, attended: UnsafeMutablePointer<Float>,
        context: UnsafeMutablePointer<Float>, qkv: UnsafeMutablePointer<Float>,
        intermediate: UnsafeMutablePointer<Float>, batch: TokenBatch, lengths: [Int?]
    ) {
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        let rows = batch.batchSize * batch.sequenceLength
        let epsilon = configuration.layerNormEpsilon

        Self.withPointers(layer.qkvWeight, layer.qkvBias) { weight, bias in
            Tensor.linear(input: states, rows: rows, inFeatures: hidden, weight: weight, bias: bias, outFeatures: 3 * hidden, output: qkv)
        }
        attend(qkv: qkv, context: context, batch: batch, lengths: lengths)
        Self.withPointers(layer.attentionOutputWeight, layer.attentionOutputBias) { weight, bias in
            Tensor.linear(input: context, rows: rows, inFeatures: hidden, weight: weight, bias: bias, outFeatures: hidden, output: attended)
        }
        Self.withPointers(layer.attentionNormWeight, layer.attentionNormBias) { weight, bias in
            Tensor.layerNorm(attended, residual: states, rows: rows, columns: hidden, weight: weight, bias: bias, epsilon: epsilon)
        }
        Self.withPointers(layer.intermediateWeight, layer.intermediateBias) { weight, bias in
            Tensor.linear(input: attended, rows: rows, inFeatures: hidden, weight: weight, bias: bias, outFeatures: inner, output: intermediate)
        }
        activation.apply(UnsafeMutableBufferPointer(start: intermediate, count: rows * inner))
        Self.withPointers(layer.outputWeight, layer.outputBias) { weight, bias in
            Tensor.linear(input: intermediate, rows: rows, inFeatures: inner, weight: weight, bias: bias, outFeatures: hidden, output: states)
        }
        Self.withPointers(layer.outputNormWeight, layer.outputNormBias) { weight, bias in
            Tensor.layerNorm(states, residual: attended, rows: rows, columns: hidden, weight: weight, bias: bias, epsilon: epsilon)
        }
    }

    /// Multi-head self-attention from the fused `[rows, 3·hidden]` projections into
    /// `context` (`[rows, hidden]`), one pair of products per (text, head).
    ///
    /// A text whose mask is a run of ones then zeros attends over its real tokens
    /// only, which gives the same real rows as masking and skips the padding's work;
    /// its padding rows get zeros. Any other mask is applied additively.
    private func attend(qkv: UnsafePointer<Float>, context: UnsafeMutablePointer<Float>, batch: TokenBatch, lengths: [Int?]) {
        let hidden = configuration.hiddenSize
        let heads = configuration.headCount
        let headSize = configuration.headSize
        let sequence = batch.sequenceLength
        let stride = 3 * hidden
        let scale = 1 / Float(headSize).squareRoot()
        let work = { (entry: Int, scores: UnsafeMutablePointer<Float>, additive: UnsafeMutablePointer<Float>) in
            let length = lengths[entry] ?? sequence
            let rowsBase = entry * sequence
            if length < sequence {
                (context + (rowsBase + length) * hidden).update(repeating: 0, count: (sequence - length) * hidden)
            }
            guard length > 0 else { return }
            let masked = lengths[entry] == nil
            if masked {
                for position in 0..<sequence {
                    additive[position] = batch.mask[rowsBase + position] != 0 ? 0 : -Float.greatestFiniteMagnitude
                }
            }
            for head in 0..<heads {
                let query = qkv + rowsBase * stride + head * headSize
                let key = query + hidden
                let value = query + 2 * hidden
                BLAS.sgemm(
                    transposeB: true, m: length, n: length, k: headSize, alpha: scale,
                    a: query, lda: stride, b: key, ldb: stride, c: scores, ldc: length
                )
                Tensor.softmax(scores, rows: length, columns: length, mask: masked ? UnsafePointer(additive) : nil)
                BLAS.sgemm(
                    m: length, n: headSize, k: length,
                    a: scores, lda: length, b: value, ldb: stride,
                    c: context + rowsBase * hidden + head * headSize, ldc: hidden
                )
            }
        }
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: sequence * sequence + sequence)
        defer { scratch.deallocate() }
        for entry in 0..<batch.batchSize {
            work(entry, scratch, scratch + sequence * sequence)
        }
    }

    /// For each text, the number of real tokens if its mask is ones then zeros, else nil.
    private static func prefixLengths(_ batch: TokenBatch) -> [Int?] {
        (0..<batch.batchSize).map { entry in
            let row = batch.mask[(entry * batch.sequenceLength)..<((entry + 1) * batch.sequenceLength)]
            let length = row.prefix { $0 != 0 }.count
            return row.dropFirst(length).allSatisfy { $0 == 0 } ? length : nil
        }
    }

    private static func withPointers(_ weight: Tensor, _ bias: Tensor, _ body: (UnsafePointer<Float>, UnsafePointer<Float>) -> Void) {
        weight.storage.withUnsafeBufferPointer { weight in
            bias.storage.withUnsafeBufferPointer { bias in
                body(weight.baseAddress!, bias.baseAddress!)
            }
        }
    }
}
