/// The encoder operations on whole tensors: products, element-wise maths, softmax,
/// LayerNorm and embedding lookup.
extension Tensor {
    /// The matrix product with `other`, on BLAS.
    ///
    /// - `[m, k] · [k, n] → [m, n]`;
    /// - `[b, m, k] · [b, k, n] → [b, m, n]`, one product per batch entry;
    /// - `[b, m, k] · [k, n] → [b, m, n]`, the same right side for every entry.
    ///
    /// With `transposingOther`, `other` is read as its transpose (`[n, k]` or
    /// `[b, n, k]`) without being copied.
    public func matmul(_ other: Tensor, transposingOther: Bool = false) -> Tensor {
        precondition(rank == 2 || rank == 3, "matmul needs a 2-D or 3-D left side, got \(shape)")
        precondition(other.rank == 2 || (other.rank == 3 && rank == 3), "matmul cannot multiply \(shape) by \(other.shape)")
        let batch = rank == 3 ? shape[0] : 1
        let m = shape[rank - 2]
        let k = shape[rank - 1]
        let otherRows = other.shape[other.rank - 2]
        let otherColumns = other.shape[other.rank - 1]
        let n = transposingOther ? otherRows : otherColumns
        let otherK = transposingOther ? otherColumns : otherRows
        precondition(k == otherK, "matmul: inner sizes differ in \(shape) · \(other.shape)\(transposingOther ? "ᵀ" : "")")
        if other.rank == 3 {
            precondition(other.shape[0] == batch, "matmul: batch sizes differ in \(shape) · \(other.shape)")
        }
        let resultShape = rank == 3 ? [batch, m, n] : [m, n]
        return Tensor(shape: resultShape) { result in
            storage.withUnsafeBufferPointer { a in
                other.storage.withUnsafeBufferPointer { b in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = result.baseAddress else {
                        result.initialize(repeating: 0)
                        return
                    }
                    if other.rank == 2 {
                        // A shared right side: the batch folds into the rows of one product.
                        BLAS.sgemm(
                            transposeB: transposingOther, m: batch * m, n: n, k: k,
                            a: a, lda: k, b: b, ldb: otherColumns, c: c, ldc: n
                        )
                    } else {
                        for entry in 0..<batch {
                            BLAS.sgemm(
                                transposeB: transposingOther, m: m, n: n, k: k,
                                a: a + entry * m * k, lda: k,
                                b: b + entry * otherRows * otherColumns, ldb: otherColumns,
                                c: c + entry * m * n, ldc: n
                            )
                        }
                    }
                }
            }
        }
    }

    /// PyTorch's `Linear`: `self · weightᵀ + bias` over the last axis.
    ///
    /// `weight` is `[out, in]` as stored in the checkpoint and is read transposed by
    /// BLAS, not copied; `self` is `[..., in]` and the result `[..., out]`.
    public func linear(weight: Tensor, bias: Tensor? = nil) -> Tensor {
        precondition(weight.rank == 2 && weight.shape[1] == lastDimension, "linear: weight \(weight.shape) does not fit input \(shape)")
        let outFeatures = weight.shape[0]
        if let bias {
            precondition(bias.count == outFeatures, "linear: bias \(bias.shape) does not fit weight \(weight.shape)")
        }
        let rows = rowCount
        let inFeatures = lastDimension
        var resultShape = shape
        resultShape[resultShape.count - 1] = outFeatures
        return Tensor(shape: resultShape) { result in
            guard rows > 0, outFeatures > 0 else { return }
            guard inFeatures > 0 else {
                // An empty product: only the bias remains.
                for row in 0..<rows {
                    for column in 0..<outFeatures {
                        result[row * outFeatures + column] = bias?.storage[column] ?? 0
                    }
                }
                return
            }
            storage.withUnsafeBufferPointer { input in
                weight.storage.withUnsafeBufferPointer { weights in
                    let output = result.baseAddress!
                    if let bias {
                        bias.storage.withUnsafeBufferPointer { bias in
                            Tensor.linear(
                                input: input.baseAddress!, rows: rows, inFeatures: inFeatures,
                                weight: weights.baseAddress!, bias: bias.baseAddress!, outFeatures: outFeatures,
                                output: output
                            )
                        }
                    } else {
                        Tensor.linear(
                            input: input.baseAddress!, rows: rows, inFeatures: inFeatures,
                            weight: weights.baseAddress!, bias: nil, outFeatures: outFeatures,
                            output: output
                        )
                    }
                }
            }
        }
    }

    /// The element-wise sum with `other`, which has either the same shape or the shape
    /// of `self`'s trailing axes (a bias broadcast over the leading ones).
    public func adding(_ other: Tensor) -> Tensor {
        precondition(other.rank <= rank && Array(shape.suffix(other.rank)) == other.shape, "Cannot add \(other.shape) to \(shape)")
        var result = self
        let period = other.count
        guard period > 0 else { return result }
        result.storage.withUnsafeMutableBufferPointer { values in
            other.storage.withUnsafeBufferPointer { addend in
                Tensor.addRows(values.baseAddress!, rows: count / period, columns: period, vector: addend.baseAddress!)
            }
        }
        return result
    }

    /// `lhs.adding(rhs)`.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        lhs.adding(rhs)
    }

    /// Every element multiplied by `factor`.
    public func scaled(by factor: Float) -> Tensor {
        var result = self
        result.storage.withUnsafeMutableBufferPointer { values in
            for i in values.indices {
                values[i] *= factor
            }
        }
        return result
    }

    /// `activation` applied to every element.
    public func applying(_ activation: Activation) -> Tensor {
        var result = self
        result.storage.withUnsafeMutableBufferPointer { activation.apply($0) }
        return result
    }

    /// A softmax over the last axis, after adding `additiveMask`.
    ///
    /// The mask holds 0 where attention is allowed and a large negative number where it
    /// is not; its shape is `self`'s last axis (`[keys]`, the same for every row) or
    /// its last two axes (`[queries, keys]`, for a causal mask), repeated over the rest.
    public func softmax(additiveMask: Tensor? = nil) -> Tensor {
        var result = self
        let columns = lastDimension
        let rows = rowCount
        result.storage.withUnsafeMutableBufferPointer { values in
            guard let base = values.baseAddress else { return }
            if let additiveMask {
                precondition(
                    (additiveMask.rank == 1 || additiveMask.rank == 2) && additiveMask.rank <= rank
                        && Array(shape.suffix(additiveMask.rank)) == additiveMask.shape,
                    "softmax: mask \(additiveMask.shape) does not fit \(shape)"
                )
                additiveMask.storage.withUnsafeBufferPointer { mask in
                    Tensor.softmax(base, rows: rows, columns: columns, mask: mask.baseAddress!, maskRows: additiveMask.rowCount)
                }
            } else {
                Tensor.softmax(base, rows: rows, columns: columns)
            }
        }
        return result
    }

    /// Layer normalisation over the last axis: zero mean, unit variance, then
    /// `· weight + bias`, with `epsilon` added to the variance.
    public func layerNorm(weight: Tensor, bias: Tensor, epsilon: Float) -> Tensor {
        precondition(weight.count == lastDimension && bias.count == lastDimension, "layerNorm: weight \(weight.shape) / bias \(bias.shape) do not fit \(shape)")
        var result = self
        let columns = lastDimension
        let rows = rowCount
        result.storage.withUnsafeMutableBufferPointer { values in
            guard let base = values.baseAddress else { return }
            weight.storage.withUnsafeBufferPointer { weight in
                bias.storage.withUnsafeBufferPointer { bias in
                    Tensor.layerNorm(base, rows: rows, columns: columns, weight: weight.baseAddress!, bias: bias.baseAddress!, epsilon: epsilon)
                }
            }
        }
        return result
    }

    /// The rows of this `[vocabulary, dimension]` table at `ids`: `[ids.count, dimension]`.
    ///
    /// Every id must be inside the table.
    public func embeddingLookup(_ ids: [Int32]) -> Tensor {
        precondition(rank == 2, "embeddingLookup needs a 2-D table, got \(shape)")
        let width = shape[1]
        let vocabulary = shape[0]
        return Tensor(shape: [ids.count, width]) { result in
            storage.withUnsafeBufferPointer { table in
                for (row, id) in ids.enumerated() {
                    precondition(id >= 0 && Int(id) < vocabulary, "Token id \(id) is outside the embedding table of \(vocabulary) rows")
                    let source = UnsafeMutableBufferPointer(rebasing: result[(row * width)..<((row + 1) * width)])
                    _ = source.initialize(from: table[(Int(id) * width)..<((Int(id) + 1) * width)])
                }
            }
        }
    }

    /// Each vector of the last axis scaled to unit Euclidean length (zero stays zero).
    public func l2Normalized() -> Tensor {
        var result = self
        let columns = lastDimension
        let rows = rowCount
        result.storage.withUnsafeMutableBufferPointer { values in
            guard let base = values.baseAddress else { return }
            Tensor.l2Normalize(base, rows: rows, columns: columns)
        }
        return result
    }
}
