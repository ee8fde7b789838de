/// Reductions of a `[batch, sequence, hidden]` tensor of token states to one
/// `[batch, hidden]` vector per text.
extension Tensor {
    /// The mean of each text's real tokens; `mask` is `[batch × sequence]`, 1 for a
    /// real token and 0 for padding. A text with no real token gets zeros.
    public func meanPooled(mask: [Int32]) -> Tensor {
        let (batch, sequence, hidden) = poolingShape(mask: mask)
        return Tensor(shape: [batch, hidden]) { result in
            result.initialize(repeating: 0)
            storage.withUnsafeBufferPointer { states in
                for entry in 0..<batch {
                    let sum = result.baseAddress! + entry * hidden
                    var tokens = 0
                    for position in 0..<sequence where mask[entry * sequence + position] != 0 {
                        tokens += 1
                        let row = states.baseAddress! + (entry * sequence + position) * hidden
                        for column in 0..<hidden {
                            sum[column] += row[column]
                        }
                    }
                    // sentence-transformers clamps the token count at 1e-9.
                    let inverse = 1 / max(Float(tokens), 1e-9)
                    for column in 0..<hidden {
                        sum[column] *= inverse
                    }
                }
            }
        }
    }

    /// The element-wise maximum over each text's real tokens (zeros for an empty text).
    public func maxPooled(mask: [Int32]) -> Tensor {
        let (batch, sequence, hidden) = poolingShape(mask: mask)
        return Tensor(shape: [batch, hidden]) { result in
            result.initialize(repeating: 0)
            storage.withUnsafeBufferPointer { states in
                for entry in 0..<batch {
                    let best = result.baseAddress! + entry * hidden
                    var first = true
                    for position in 0..<sequence where mask[entry * sequence + position] != 0 {
                        let row = states.baseAddress! + (entry * sequence + position) * hidden
                        for column in 0..<hidden {
                            best[column] = first ? row[column] : max(best[column], row[column])
                        }
                        first = false
                    }
                }
            }
        }
    }

    /// The state of each text's first token (`[CLS]` in BERT).
    public func clsPooled() -> Tensor {
        pooledRows(at: Array(repeating: 0, count: rank == 3 ? shape[0] : 0))
    }

    /// The state at `positions[b]` of text `b`: CLIP's end-of-text pooling, where the
    /// position is that of the end token in each text.
    public func pooledRows(at positions: [Int]) -> Tensor {
        precondition(rank == 3 && positions.count == shape[0], "pooling needs [batch, sequence, hidden] and one position per text, got \(shape) and \(positions.count)")
        let sequence = shape[1]
        let hidden = shape[2]
        return Tensor(shape: [positions.count, hidden]) { result in
            storage.withUnsafeBufferPointer { states in
                for (entry, position) in positions.enumerated() {
                    precondition(position >= 0 && position < sequence, "pooling position \(position) is outside a sequence of \(sequence)")
                    let start = (entry * sequence + position) * hidden
                    _ = UnsafeMutableBufferPointer(rebasing: result[(entry * hidden)..<((entry + 1) * hidden)])
                        .initialize(from: states[start..<(start + hidden)])
                }
            }
        }
    }

    private func poolingShape(mask: [Int32]) -> (batch: Int, sequence: Int, hidden: Int) {
        precondition(rank == 3, "pooling needs [batch, sequence, hidden], got \(shape)")
        precondition(mask.count == shape[0] * shape[1], "pooling mask has \(mask.count) entries for \(shape)")
        return (shape[0], shape[1], shape[2])
    }
}
