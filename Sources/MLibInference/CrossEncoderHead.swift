import Foundation

/// What `BertForSequenceClassification` puts after the encoder: the pooler (a
/// dense layer and tanh over the `[CLS]` state) and the classifier, whose logits
/// become one relevance score per pair.
struct CrossEncoderHead: Sendable {
    let pooler: LinearLayer
    let classifier: LinearLayer

    /// Loads `pooler.dense` (with the encoder's `prefix`, `bert.` or none) and
    /// `classifier` from `weights`.
    init(weights: SafetensorsFile, prefix: String, hiddenSize: Int, labelCount: Int) throws(InferenceError) {
        for name in ["classifier.weight", "classifier.bias"] where !weights.contains(name) {
            throw InferenceError(.missingTensor, path: weights.path, message: "the weights have no '\(name)', so there is no classifier to score pairs; this is a bare encoder or an incomplete file, not a cross-encoder")
        }
        pooler = try LinearLayer(prefix + "pooler.dense", from: weights, inFeatures: hiddenSize, outFeatures: hiddenSize)
        classifier = try LinearLayer("classifier", from: weights, inFeatures: hiddenSize, outFeatures: labelCount)
    }

    /// One score per pair of `hidden` (`[batch, sequence, width]`): the logit, or
    /// with two labels the second's margin over the first.
    func scores(_ hidden: Tensor) -> [Float] {
        let batch = hidden.shape[0]
        guard batch > 0 else { return [] }
        let width = pooler.inFeatures
        let labels = classifier.outFeatures
        let first = hidden.clsPooled()
        var pooled = [Float](repeating: 0, count: batch * width)
        var logits = [Float](repeating: 0, count: batch * labels)
        first.storage.withUnsafeBufferPointer { first in
            pooled.withUnsafeMutableBufferPointer { pooled in
                pooler.apply(input: first.baseAddress!, rows: batch, output: pooled.baseAddress!)
                for index in pooled.indices {
                    pooled[index] = tanh(pooled[index])
                }
                logits.withUnsafeMutableBufferPointer { logits in
                    classifier.apply(input: pooled.baseAddress!, rows: batch, output: logits.baseAddress!)
                }
            }
        }
        return (0..<batch).map { row in
            labels == 1 ? logits[row] : logits[row * labels + 1] - logits[row * labels]
        }
    }
}
