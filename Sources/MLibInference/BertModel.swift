import Foundation

/// A BERT-family encoder (BERT or DistilBERT): token ids in, the last layer's
/// hidden states out.
///
/// Weights load from a Hugging Face folder (`config.json`, `model.safetensors`),
/// with or without the `bert.` / `distilbert.` prefix a task checkpoint puts on the
/// names, and every tensor's shape is checked against the configuration. F32
/// weights are used in place from the file's mapping, so loading copies nothing;
/// the query, key and value projections write the column blocks of one
/// `[rows, 3·hidden]` matrix.
///
/// `encode` keeps no state between calls, so one model can serve several threads.
public final class BertModel: Sendable {
    /// The configuration the weights were checked against.
    public let configuration: BertConfiguration
    private let activation: Activation
    private let wordEmbeddings: Weight
    private let positionEmbeddings: Weight
    /// The token-type table, `[typeVocabularySize, hidden]`; nil for DistilBERT.
    private let tokenTypeEmbeddings: Weight?
    private let embeddingNorm: NormLayer
    private let layers: [Layer]

    private struct Layer: Sendable {
        var query: LinearLayer
        var key: LinearLayer
        var value: LinearLayer
        var attentionOutput: LinearLayer
        var attentionNorm: NormLayer
        var intermediate: LinearLayer
        var output: LinearLayer
        var outputNorm: NormLayer
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
        let names = TensorNames.of(configuration)
        let prefix = names.prefix(in: weights)
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        let epsilon = configuration.layerNormEpsilon
        func linear(_ name: String, _ inFeatures: Int, _ outFeatures: Int) throws(InferenceError) -> LinearLayer {
            try LinearLayer(prefix + name, from: weights, inFeatures: inFeatures, outFeatures: outFeatures)
        }
        func norm(_ name: String) throws(InferenceError) -> NormLayer {
            try NormLayer(prefix + name, from: weights, width: hidden, epsilon: epsilon)
        }
        wordEmbeddings = try weights.weight(named: prefix + names.wordEmbeddings, expectedShape: [configuration.vocabularySize, hidden])
        positionEmbeddings = try weights.weight(named: prefix + names.positionEmbeddings, expectedShape: [configuration.maxPositions, hidden])
        if let tokenTypes = names.tokenTypeEmbeddings {
            tokenTypeEmbeddings = try weights.weight(named: prefix + tokenTypes, expectedShape: [configuration.typeVocabularySize, hidden])
        } else {
            tokenTypeEmbeddings = nil
        }
        embeddingNorm = try norm(names.embeddingNorm)
        var layers: [Layer] = []
        for index in 0..<configuration.layerCount {
            let layer = names.layer(index)
            layers.append(Layer(
                query: try linear(layer.query, hidden, hidden),
                key: try linear(layer.key, hidden, hidden),
                value: try linear(layer.value, hidden, hidden),
                attentionOutput: try linear(layer.attentionOutput, hidden, hidden),
                attentionNorm: try norm(layer.attentionNorm),
                intermediate: try linear(layer.intermediate, hidden, inner),
                output: try linear(layer.output, inner, hidden),
                outputNorm: try norm(layer.outputNorm)
            ))
        }
        self.layers = layers
    }

    /// The width of the hidden states, and of the sentence vectors pooled from them.
    public var hiddenSize: Int { configuration.hiddenSize }

    /// Whether every weight is read in place from the mapped file (all F32, aligned).
    var usesMappedWeights: Bool {
        var all = [wordEmbeddings, positionEmbeddings, embeddingNorm.weight, embeddingNorm.bias]
        for layer in layers {
            all += [layer.query.weight, layer.key.weight, layer.value.weight, layer.attentionOutput.weight,
                    layer.intermediate.weight, layer.output.weight, layer.attentionNorm.weight, layer.outputNorm.weight]
        }
        return all.allSatisfy(\.isMapped)
    }

    /// The last hidden states, `[batchSize, sequenceLength, hidden]`, of `batch`.
    ///
    /// `tokenTypes` (BERT only) gives each token's segment, laid out as `batch.ids`:
    /// 0 for a cross-encoder's query, 1 for its passage; nil means every token is of
    /// type 0. Positions count from 0. The ids must be inside the vocabulary and the
    /// sequence no longer than `max_position_embeddings`; the tokenizer of the same
    /// folder guarantees both. Rows of padding tokens hold zeros-derived values and
    /// carry no meaning.
    public func encode(_ batch: TokenBatch, tokenTypes: [Int32]? = nil) -> Tensor {
        let batchSize = batch.batchSize
        let sequence = batch.sequenceLength
        let hidden = configuration.hiddenSize
        precondition(sequence <= configuration.maxPositions, "A sequence of \(sequence) tokens is longer than the model's \(configuration.maxPositions) positions")
        precondition(tokenTypes.map { tokenTypeEmbeddings != nil && $0.count == batch.ids.count } ?? true, "Token types need a BERT model and one type per token")
        let rows = batchSize * sequence
        guard rows > 0 else { return Tensor(shape: [batchSize, sequence, hidden]) }

        var states = [Float](repeating: 0, count: rows * hidden)
        var attended = [Float](repeating: 0, count: rows * hidden)
        var context = [Float](repeating: 0, count: rows * hidden)
        var qkv = [Float](repeating: 0, count: rows * 3 * hidden)
        var intermediate = [Float](repeating: 0, count: rows * configuration.intermediateSize)
        let lengths = Self.prefixLengths(batch)

        states.withUnsafeMutableBufferPointer { statesBuffer in
            let states = statesBuffer.baseAddress!
            embed(batch, tokenTypes: tokenTypes, into: states)
            embeddingNorm.apply(states, rows: rows)
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

    /// Word, (BERT) token-type and position embeddings summed into `states`, in the
    /// order Hugging Face adds them so the float32 sums round the same way.
    private func embed(_ batch: TokenBatch, tokenTypes: [Int32]?, into states: UnsafeMutablePointer<Float>) {
        let hidden = configuration.hiddenSize
        let sequence = batch.sequenceLength
        let vocabulary = configuration.vocabularySize
        // `self` holds every weight for the whole call, so their memory stays mapped.
        let table = wordEmbeddings.buffer.baseAddress!
        let positions = positionEmbeddings.buffer.baseAddress!
        let types = tokenTypeEmbeddings?.buffer.baseAddress
        let typeCount = configuration.typeVocabularySize
        for (row, id) in batch.ids.enumerated() {
            precondition(id >= 0 && Int(id) < vocabulary, "Token id \(id) is outside the embedding table of \(vocabulary) rows")
            let target = states + row * hidden
            let word = table + Int(id) * hidden
            let position = positions + (row % sequence) * hidden
            if let types {
                let type = Int(tokenTypes?[row] ?? 0)
                precondition(type >= 0 && type < typeCount, "Token type \(type) is outside the model's \(typeCount) types")
                let tokenType = types + type * hidden
                for column in 0..<hidden {
                    target[column] = (word[column] + tokenType[column]) + position[column]
                }
            } else {
                for column in 0..<hidden {
                    target[column] = word[column] + position[column]
                }
            }
        }
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

        layer.query.apply(input: states, rows: rows, output: qkv, outputStride: 3 * hidden)
        layer.key.apply(input: states, rows: rows, output: qkv + hidden, outputStride: 3 * hidden)
        layer.value.apply(input: states, rows: rows, output: qkv + 2 * hidden, outputStride: 3 * hidden)
        attend(qkv: qkv, context: context, batch: batch, lengths: lengths)
        layer.attentionOutput.apply(input: context, rows: rows, output: attended)
        layer.attentionNorm.apply(attended, residual: states, rows: rows)
        layer.intermediate.apply(input: attended, rows: rows, output: intermediate)
        activation.apply(UnsafeMutableBufferPointer(start: intermediate, count: rows * inner))
        layer.output.apply(input: intermediate, rows: rows, output: states)
        layer.outputNorm.apply(states, residual: attended, rows: rows)
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
}
