/// A CLIP tower's transformer: pre-LayerNorm layers (norm, attention, add; norm,
/// feed-forward, add), causal in the text tower.
///
/// Sequences are packed end to end with no padding, so every projection is one
/// product over all rows of a batch and attention runs per (sequence, head) over that
/// sequence's rows only. Only one row of each sequence is wanted at the end (the end
/// token of a text, the class token of an image), so the last layer computes keys and
/// values for every row but queries, the rest of attention and the feed-forward block
/// for the wanted rows alone.
struct CLIPEncoder: Sendable {
    struct Layer: Sendable {
        var norm1: NormLayer
        var query: LinearLayer
        var key: LinearLayer
        var value: LinearLayer
        var output: LinearLayer
        var norm2: NormLayer
        var fc1: LinearLayer
        var fc2: LinearLayer
    }

    /// Where each sequence of a packed batch lives, in rows.
    struct Packing: Sendable {
        var starts: [Int]
        var lengths: [Int]
        var rows: Int

        init(lengths: [Int]) {
            var starts: [Int] = []
            var total = 0
            for length in lengths {
                starts.append(total)
                total += length
            }
            self.starts = starts
            self.lengths = lengths
            self.rows = total
        }

        var count: Int { lengths.count }
    }

    let configuration: CLIPConfiguration.Encoder
    let layers: [Layer]
    let causal: Bool
    private let activation: Activation

    /// Loads `prefix` + `layers.N.…` for every layer.
    init(_ prefix: String, configuration: CLIPConfiguration.Encoder, causal: Bool, weights: SafetensorsFile) throws(InferenceError) {
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        let epsilon = configuration.layerNormEpsilon
        var layers: [Layer] = []
        for index in 0..<configuration.layerCount {
            let base = prefix + "layers.\(index)."
            func linear(_ name: String, _ inFeatures: Int, _ outFeatures: Int) throws(InferenceError) -> LinearLayer {
                try LinearLayer(base + name, from: weights, inFeatures: inFeatures, outFeatures: outFeatures)
            }
            layers.append(Layer(
                norm1: try NormLayer(base + "layer_norm1", from: weights, width: hidden, epsilon: epsilon),
                query: try linear("self_attn.q_proj", hidden, hidden),
                key: try linear("self_attn.k_proj", hidden, hidden),
                value: try linear("self_attn.v_proj", hidden, hidden),
                output: try linear("self_attn.out_proj", hidden, hidden),
                norm2: try NormLayer(base + "layer_norm2", from: weights, width: hidden, epsilon: epsilon),
                fc1: try linear("mlp.fc1", hidden, inner),
                fc2: try linear("mlp.fc2", inner, hidden)))
        }
        self.configuration = configuration
        self.layers = layers
        self.causal = causal
        self.activation = configuration.activation!
    }

    /// Every weight, for checks that all are read in place.
    var weights: [Weight] {
        layers.flatMap { layer in
            [layer.norm1.weight, layer.norm1.bias, layer.query.weight, layer.key.weight, layer.value.weight, layer.output.weight,
             layer.norm2.weight, layer.norm2.bias, layer.fc1.weight, layer.fc2.weight]
        }
    }

    /// Runs every layer over `states` (`packing.rows × hidden`) and returns the final
    /// state of row `wanted[b]` of each sequence `b`, `[sequences × hidden]`.
    ///
    /// `states` is used as scratch and holds nothing meaningful afterwards.
    func wantedStates(_ states: UnsafeMutablePointer<Float>, packing: Packing, wanted: [Int]) -> [Float] {
        let hidden = configuration.hiddenSize
        let rows = packing.rows
        let count = packing.count
        let normed = UnsafeMutablePointer<Float>.allocate(capacity: rows * hidden)
        let qkv = UnsafeMutablePointer<Float>.allocate(capacity: rows * 3 * hidden)
        let context = UnsafeMutablePointer<Float>.allocate(capacity: rows * hidden)
        let inner = UnsafeMutablePointer<Float>.allocate(capacity: rows * configuration.intermediateSize)
        defer {
            normed.deallocate()
            qkv.deallocate()
            context.deallocate()
            inner.deallocate()
        }
        var result = [Float](repeating: 0, count: count * hidden)
        guard let last = layers.last else {
            for (entry, row) in wanted.enumerated() {
                for column in 0..<hidden { result[entry * hidden + column] = states[(packing.starts[entry] + row) * hidden + column] }
            }
            return result
        }
        let everyRow = Queries(starts: packing.starts, counts: packing.lengths, positions: Array(repeating: 0, count: count))
        for layer in layers.dropLast() {
            layer.norm1.withPointers { weight, bias in
                CLIPKernels.layerNorm(states, into: normed, rows: rows, columns: hidden, weight: weight, bias: bias, epsilon: layer.norm1.epsilon)
            }
            CLIPProducts.apply(layer.query, input: normed, rows: rows, output: qkv, outputStride: 3 * hidden)
            CLIPProducts.apply(layer.key, input: normed, rows: rows, output: qkv + hidden, outputStride: 3 * hidden)
            CLIPProducts.apply(layer.value, input: normed, rows: rows, output: qkv + 2 * hidden, outputStride: 3 * hidden)
            attend(queries: qkv, queryStride: 3 * hidden, rows: everyRow, keys: qkv + hidden, values: qkv + 2 * hidden, packing: packing, context: context)
            feedForward(layer, states: states, context: context, rows: rows, normed: normed, inner: inner)
        }

        // The last layer: keys and values of every row, the rest for the wanted rows.
        last.norm1.withPointers { weight, bias in
            CLIPKernels.layerNorm(states, into: normed, rows: rows, columns: hidden, weight: weight, bias: bias, epsilon: last.norm1.epsilon)
        }
        CLIPProducts.apply(last.key, input: normed, rows: rows, output: qkv + hidden, outputStride: 3 * hidden)
        CLIPProducts.apply(last.value, input: normed, rows: rows, output: qkv + 2 * hidden, outputStride: 3 * hidden)
        // The wanted rows' normed inputs gathered for their queries, their states into `result`.
        let gathered = UnsafeMutablePointer<Float>.allocate(capacity: 2 * count * hidden)
        defer { gathered.deallocate() }
        let queries = gathered + count * hidden
        for (entry, row) in wanted.enumerated() {
            let source = (packing.starts[entry] + row) * hidden
            (gathered + entry * hidden).update(from: normed + source, count: hidden)
            for column in 0..<hidden { result[entry * hidden + column] = states[source + column] }
        }
        CLIPProducts.apply(last.query, input: gathered, rows: count, output: queries)
        let oneEach = Queries(starts: Array(0..<count), counts: Array(repeating: 1, count: count), positions: wanted)
        attend(queries: queries, queryStride: hidden, rows: oneEach, keys: qkv + hidden, values: qkv + 2 * hidden, packing: packing, context: context)
        result.withUnsafeMutableBufferPointer { result in
            feedForward(last, states: result.baseAddress!, context: context, rows: count, normed: normed, inner: inner)
        }
        return result
    }

    /// The rest of a layer after attention, in place on `states` (`rows × hidden`):
    /// `states += context · outᵀ + b`, then `states += fc2(act(fc1(norm2(states))))`.
    private func feedForward(
        _ layer: Layer, states: UnsafeMutablePointer<Float>, context: UnsafePointer<Float>, rows: Int,
        normed: UnsafeMutablePointer<Float>, inner: UnsafeMutablePointer<Float>
    ) {
        let hidden = configuration.hiddenSize
        let width = configuration.intermediateSize
        CLIPProducts.apply(layer.output, input: context, rows: rows, output: states, accumulating: true)
        layer.norm2.withPointers { weight, bias in
            CLIPKernels.layerNorm(states, into: normed, rows: rows, columns: hidden, weight: weight, bias: bias, epsilon: layer.norm2.epsilon)
        }
        CLIPProducts.apply(layer.fc1, input: normed, rows: rows, output: inner)
        if activation == .quickGELU {
            CLIPKernels.quickGELU(inner, count: rows * width)
        } else {
            activation.apply(UnsafeMutableBufferPointer(start: inner, count: rows * width))
        }
        CLIPProducts.apply(layer.fc2, input: inner, rows: rows, output: states, accumulating: true)
    }

    /// Which query rows attention computes, per sequence: `counts[b]` rows from row
    /// `starts[b]` of the query buffer, the first at position `positions[b]` of its
    /// sequence (what a causal mask needs to know).
    private struct Queries {
        var starts: [Int]
        var counts: [Int]
        var positions: [Int]
    }

    /// Multi-head attention of the query rows over their sequence's keys and values,
    /// into `context` (the same rows as the queries, `hidden` wide).
    private func attend(
        queries: UnsafePointer<Float>, queryStride: Int, rows: Queries,
        keys: UnsafePointer<Float>, values: UnsafePointer<Float>, packing: Packing,
        context: UnsafeMutablePointer<Float>
    ) {
        let hidden = configuration.hiddenSize
        let headSize = configuration.headSize
        let keyStride = 3 * hidden
        let scale = 1 / Float(headSize).squareRoot()
        let longest = packing.lengths.max() ?? 0
        let mostQueries = rows.counts.max() ?? 0
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(longest * mostQueries, 1))
        defer { scores.deallocate() }
        for sequence in 0..<packing.count {
            let length = packing.lengths[sequence]
            let count = rows.counts[sequence]
            let firstKey = packing.starts[sequence]
            let firstQuery = rows.starts[sequence]
            for head in 0..<configuration.headCount {
                let offset = head * headSize
                BLAS.sgemm(
                    transposeB: true, m: count, n: length, k: headSize, alpha: scale,
                    a: queries + firstQuery * queryStride + offset, lda: queryStride,
                    b: keys + firstKey * keyStride + offset, ldb: keyStride,
                    c: scores, ldc: length)
                for query in 0..<count {
                    let valid = causal ? min(length, rows.positions[sequence] + query + 1) : length
                    CLIPKernels.softmax(scores + query * length, valid: valid, columns: length)
                }
                BLAS.sgemm(
                    m: count, n: headSize, k: length,
                    a: scores, lda: length, b: values + firstKey * keyStride + offset, ldb: keyStride,
                    c: context + firstQuery * hidden + offset, ldc: hidden)
            }
        }
    }
}

extension NormLayer {
    /// Calls `body` with the scale and shift, their memory alive for the call.
    fileprivate func withPointers<Result>(_ body: (UnsafePointer<Float>, UnsafePointer<Float>) -> Result) -> Result {
        weight.withPointer { weight in bias.withPointer { bias in body(weight, bias) } }
    }
}
