/// PyTorch's `Linear` over weights used in place: `y = x · weightᵀ + bias`, the
/// weight stored `[outFeatures, inFeatures]` as in the checkpoint.
struct LinearLayer: Sendable {
    let weight: Weight
    let bias: Weight?

    var inFeatures: Int { weight.shape[1] }
    var outFeatures: Int { weight.shape[0] }

    /// Loads `name.weight` (`[outFeatures, inFeatures]`) and, when `hasBias`, `name.bias`.
    init(_ name: String, from weights: SafetensorsFile, inFeatures: Int, outFeatures: Int, hasBias: Bool = true) throws(InferenceError) {
        weight = try weights.weight(named: name + ".weight", expectedShape: [outFeatures, inFeatures])
        bias = hasBias ? try weights.weight(named: name + ".bias", expectedShape: [outFeatures]) : nil
    }

    /// `output[rows, outFeatures] = input[rows, inFeatures] · weightᵀ + bias`.
    ///
    /// Output rows are `outputStride` floats apart (default `outFeatures`), so several
    /// projections can fill the column blocks of one wider matrix.
    func apply(input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>, outputStride: Int? = nil) {
        weight.withPointer { weight in
            if let bias {
                bias.withPointer { bias in
                    Tensor.linear(
                        input: input, rows: rows, inFeatures: inFeatures, weight: weight, bias: bias,
                        outFeatures: outFeatures, output: output, outputStride: outputStride ?? outFeatures)
                }
            } else {
                Tensor.linear(
                    input: input, rows: rows, inFeatures: inFeatures, weight: weight, bias: nil,
                    outFeatures: outFeatures, output: output, outputStride: outputStride ?? outFeatures)
            }
        }
    }
}
