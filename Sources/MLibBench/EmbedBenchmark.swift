import Foundation
import MLibInference

/// `mlib-bench embed MODEL_DIR --tokens T [--batch B] [--batches N]`: sentences per
/// second of the encoder (BERT + pooling + normalisation) on token ids built by the
/// same LCG as `bench/embed_reference.py`, so both time the same work.
enum EmbedBenchmark {
    static func run(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        guard let folder = rest.popFirst() else { throw UsageError(description: "embed needs a model folder") }
        var tokens = 16
        var batch = 32
        var batches = 8
        while let flag = rest.popFirst() {
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else {
                throw UsageError(description: "\(flag) takes a positive integer")
            }
            switch flag {
            case "--tokens": tokens = value
            case "--batch": batch = value
            case "--batches": batches = value
            default: throw UsageError(description: "unknown option \(flag)")
            }
        }
        let model: BertModel
        let pooling: SentencePooling
        do {
            model = try BertModel(folder: folder)
            pooling = try SentencePooling(folder: folder)
        } catch {
            throw UsageError(description: error.description)
        }
        let rows = ids(count: batch * batches, tokens: tokens, vocabulary: model.configuration.vocabularySize)
        func encode(_ index: Int) {
            let tokenBatch = TokenBatch(sequences: Array(rows[(index * batch)..<((index + 1) * batch)]))
            _ = pooling.pool(model.encode(tokenBatch), batch: tokenBatch)
        }
        encode(0)  // warm-up
        let start = ContinuousClock.now
        for index in 0..<batches { encode(index) }
        let seconds = milliseconds(ContinuousClock.now - start) / 1e3
        let count = batch * batches
        print(
            "{\"engine\":\"mlib\",\"tokens\":\(tokens),\"batch\":\(batch),\"sentences\":\(count),"
                + "\"sentences_per_s\":\(String(format: "%.1f", Double(count) / seconds))}")
    }

    /// [CLS], `tokens - 2` ids from the shared LCG, [SEP].
    static func ids(count: Int, tokens: Int, vocabulary: Int) -> [[Int32]] {
        var state: UInt64 = 12345
        return (0..<count).map { _ in
            var row: [Int32] = [101]
            for _ in 0..<(tokens - 2) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                row.append(Int32(1000 + (state >> 33) % UInt64(vocabulary - 1000)))
            }
            row.append(102)
            return row
        }
    }
}
