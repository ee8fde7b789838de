import Foundation

/// The raw-buffer loops under both `Tensor`'s operations and the encoders' hot paths.
///
/// Each works on `rows × columns` row-major floats behind a pointer, so an encoder can
/// run them on its scratch buffers without building tensors per step.
extension Tensor {
    /// `output[rows, outFeatures] = input[rows, inFeatures] · weightᵀ + bias`, with
    /// `weight` stored as PyTorch keeps a `Linear`: `[outFeatures, inFeatures]`.
    ///
    /// Output rows start `outputStride` floats apart (at least `outFeatures`), so a
    /// projection can fill one column block of a wider matrix.
    static func linear(
        input: UnsafePointer<Float>, rows: Int, inFeatures: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, outFeatures: Int,
        output: UnsafeMutablePointer<Float>, outputStride: Int? = nil
    ) {
        let stride = outputStride ?? outFeatures
        if let bias {
            for row in 0..<rows {
                (output + row * stride).update(from: bias, count: outFeatures)
            }
        }
        BLAS.sgemm(
            transposeB: true, m: rows, n: outFeatures, k: inFeatures,
            a: input, lda: inFeatures, b: weight, ldb: inFeatures,
            beta: bias == nil ? 0 : 1, c: output, ldc: stride
        )
    }

    /// Adds `vector` (length `columns`) to every row.
    static func addRows(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int, vector: UnsafePointer<Float>) {
        for row in 0..<rows {
            let line = values + row * columns
            for column in 0..<columns {
                line[column] += vector[column]
            }
        }
    }

    /// In place: `values = LayerNorm(values + residual)` over each row.
    ///
    /// Mean and variance are taken in float32 over the row, as PyTorch does, with the
    /// biased variance; `residual` may be nil.
    static func layerNorm(
        _ values: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>? = nil,
        rows: Int, columns: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        let width = Float(columns)
        for row in 0..<rows {
            let line = values + row * columns
            if let residual {
                let add = residual + row * columns
                for column in 0..<columns {
                    line[column] += add[column]
                }
            }
            var sum: Float = 0
            for column in 0..<columns {
                sum += line[column]
            }
            let mean = sum / width
            var squares: Float = 0
            for column in 0..<columns {
                let centred = line[column] - mean
                squares += centred * centred
            }
            let inverse = 1 / (squares / width + epsilon).squareRoot()
            for column in 0..<columns {
                line[column] = (line[column] - mean) * inverse * weight[column] + bias[column]
            }
        }
    }

    /// In place: a softmax over each row after adding an additive mask.
    ///
    /// `mask` holds `maskRows × columns` values; row `r` gets mask row `r % maskRows`,
    /// so one key-padding row (`maskRows == 1`) or a square causal mask both fit.
    /// A row whose entries are all masked becomes uniform rather than NaN.
    static func softmax(
        _ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int,
        mask: UnsafePointer<Float>? = nil, maskRows: Int = 1
    ) {
        guard columns > 0 else { return }
        for row in 0..<rows {
            let line = values + row * columns
            if let mask {
                let add = mask + (row % maskRows) * columns
                for column in 0..<columns {
                    line[column] += add[column]
                }
            }
            var largest = line[0]
            for column in 1..<columns {
                largest = max(largest, line[column])
            }
            var sum: Float = 0
            for column in 0..<columns {
                let e = exp(line[column] - largest)
                line[column] = e
                sum += e
            }
            let inverse = 1 / sum
            for column in 0..<columns {
                line[column] *= inverse
            }
        }
    }

    /// In place: scales each row to unit Euclidean length; zero rows stay zero.
    static func l2Normalize(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for row in 0..<rows {
            let line = values + row * columns
            var squares: Float = 0
            for column in 0..<columns {
                squares += line[column] * line[column]
            }
            // sentence-transformers divides by max(norm, 1e-12), as torch's normalize does.
            let inverse = 1 / max(squares.squareRoot(), 1e-12)
            for column in 0..<columns {
                line[column] *= inverse
            }
        }
    }
}
