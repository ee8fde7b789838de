/// Everything after the encoder in a sentence-transformers model: pooling, then the
/// `Dense` and `Normalize` modules in the order `modules.json` lists them.
struct SentenceHead: Sendable {
    enum Step: Sendable {
        case dense(SentenceDense)
        case normalize
    }

    let pooling: SentencePooling.Mode
    let steps: [Step]

    /// Loads the Dense weights of the head `folder` describes.
    init(_ folder: ModelFolder) throws(InferenceError) {
        pooling = folder.poolingMode
        var steps: [Step] = []
        var dense = folder.denseSettings.makeIterator()
        for module in folder.modules.head {
            switch module.kind {
            case .dense: steps.append(.dense(try SentenceDense(dense.next()!)))
            case .normalize: steps.append(.normalize)
            case .transformer, .pooling: break
            }
        }
        self.steps = steps
    }

    /// One vector per text of `batch` from the encoder's `[batch, sequence, width]` states.
    func apply(_ hidden: Tensor, batch: TokenBatch) -> [[Float]] {
        var vectors = pooling.pool(hidden, batch: batch)
        for step in steps {
            switch step {
            case .dense(let dense): vectors = dense.apply(vectors)
            case .normalize: vectors = vectors.l2Normalized()
            }
        }
        return vectors.rowArrays()
    }
}
