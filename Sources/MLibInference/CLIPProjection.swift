/// The end both CLIP towers share: a LayerNorm of the pooled state, the projection
/// into the shared space (no bias), and L2 normalisation.
enum CLIPProjection {
    /// The normalised vectors of `rows` pooled states (`rows × hidden`, normed in place).
    static func project(_ pooled: inout [Float], rows: Int, norm: NormLayer, projection: Weight) -> [[Float]] {
        let hidden = projection.shape[1]
        let dimension = projection.shape[0]
        var vectors = [Float](repeating: 0, count: rows * dimension)
        pooled.withUnsafeMutableBufferPointer { pooled in
            let states = pooled.baseAddress!
            norm.weight.withPointer { weight in
                norm.bias.withPointer { bias in
                    CLIPKernels.layerNorm(states, into: states, rows: rows, columns: hidden, weight: weight, bias: bias, epsilon: norm.epsilon)
                }
            }
            vectors.withUnsafeMutableBufferPointer { vectors in
                CLIPProducts.apply(weight: projection, bias: nil, input: states, rows: rows, output: vectors.baseAddress!)
                Tensor.l2Normalize(vectors.baseAddress!, rows: rows, columns: dimension)
            }
        }
        return (0..<rows).map { Array(vectors[($0 * dimension)..<(($0 + 1) * dimension)]) }
    }
}
