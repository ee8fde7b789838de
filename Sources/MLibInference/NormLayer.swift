/// A LayerNorm's scale and shift over weights used in place.
struct NormLayer: Sendable {
    let weight: Weight
    let bias: Weight
    let epsilon: Float

    /// Loads `name.weight` and `name.bias`, each `[width]`.
    init(_ name: String, from weights: SafetensorsFile, width: Int, epsilon: Float) throws(InferenceError) {
        weight = try weights.weight(named: name + ".weight", expectedShape: [width])
        bias = try weights.weight(named: name + ".bias", expectedShape: [width])
        self.epsilon = epsilon
    }

    /// In place: `values = LayerNorm(values + residual)` over each of `rows` rows.
    func apply(_ values: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>? = nil, rows: Int) {
        weight.withPointer { weightPointer in
            bias.withPointer { biasPointer in
                Tensor.layerNorm(
                    values, residual: residual, rows: rows, columns: weight.count,
                    weight: weightPointer, bias: biasPointer, epsilon: epsilon)
            }
        }
    }
}
