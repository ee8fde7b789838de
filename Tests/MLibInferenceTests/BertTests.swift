import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// The all-MiniLM-L6-v2 folder: `MLIB_TEST_MODEL`, else the project's `models/`.
private let modelFolder = ProcessInfo.processInfo.environment["MLIB_TEST_MODEL"]
    ?? Fixtures.packageRoot + "/models/all-MiniLM-L6-v2"

private struct Reference: Decodable {
    struct Sentence: Decodable {
        var text: String
        var ids: [Int32]
        var embedding: [Float]
    }
    var model: String
    var sentences: [Sentence]
}

/// Writes a folder with a tiny random BERT (hidden 4, 2 heads, 1 layer) whose tensor
/// names carry `prefix`; `hiddenInWeights` lets a test make the weights disagree with
/// the configuration.
private func tinyBert(in directory: TemporaryDirectory, prefix: String = "bert.", hiddenInWeights: Int = 4) throws -> BertConfiguration {
    let configuration = BertConfiguration(vocabularySize: 10, hiddenSize: 4, layerCount: 1, headCount: 2, intermediateSize: 8, maxPositions: 8)
    let h = hiddenInWeights
    var generator = SplitMix(seed: 7)
    func random(_ shape: [Int]) -> [UInt8] {
        floatBytes((0..<shape.reduce(1, *)).map { _ in generator.nextFloat() })
    }
    var entries: [(String, String, [Int], [UInt8])] = []
    for (name, shape) in [
        ("embeddings.word_embeddings.weight", [10, h]), ("embeddings.position_embeddings.weight", [8, h]),
        ("embeddings.token_type_embeddings.weight", [2, h]), ("embeddings.LayerNorm.weight", [h]), ("embeddings.LayerNorm.bias", [h]),
    ] {
        entries.append((prefix + name, "F32", shape, random(shape)))
    }
    let layer = "encoder.layer.0."
    for (name, shape) in [
        ("attention.self.query", [h, h]), ("attention.self.key", [h, h]), ("attention.self.value", [h, h]),
        ("attention.output.dense", [h, h]), ("intermediate.dense", [8, h]), ("output.dense", [h, 8]),
    ] {
        entries.append((prefix + layer + name + ".weight", "F32", shape, random(shape)))
        entries.append((prefix + layer + name + ".bias", "F32", [shape[0]], random([shape[0]])))
    }
    for name in ["attention.output.LayerNorm", "output.LayerNorm"] {
        entries.append((prefix + layer + name + ".weight", "F32", [h], random([h])))
        entries.append((prefix + layer + name + ".bias", "F32", [h], random([h])))
    }
    try Data(safetensorsBytes(entries)).write(to: URL(fileURLWithPath: directory.path("model.safetensors")))
    let json = #"{"model_type":"bert","vocab_size":10,"hidden_size":4,"num_hidden_layers":1,"num_attention_heads":2,"intermediate_size":8,"max_position_embeddings":8,"type_vocab_size":2,"layer_norm_eps":1e-12,"hidden_act":"gelu"}"#
    try Data(json.utf8).write(to: URL(fileURLWithPath: directory.path("config.json")))
    return configuration
}

/// A small deterministic generator, so the tiny model is the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextFloat() -> Float {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Float(z >> 40) / Float(1 << 24) - 0.5
    }
}

private func writeJSON(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

struct BertTests {
    struct Golden {
        /// Loads the model and the reference, or records why it cannot.
        private func load() throws -> (BertModel, SentencePooling, Reference)? {
            guard FileManager.default.fileExists(atPath: modelFolder + "/model.safetensors") else {
                Issue.record("No model at \(modelFolder): run `make model` (or set MLIB_TEST_MODEL to an all-MiniLM-L6-v2 folder)")
                return nil
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/minilm-reference.json")))
            let reference = try JSONDecoder().decode(Reference.self, from: data)
            return (try BertModel(folder: modelFolder), try SentencePooling(folder: modelFolder), reference)
        }

        private func compare(_ vector: [Float], _ sentence: Reference.Sentence) {
            #expect(vector.count == sentence.embedding.count)
            var dot: Float = 0, own: Float = 0, theirs: Float = 0, largest: Float = 0
            for (a, b) in zip(vector, sentence.embedding) {
                dot += a * b
                own += a * a
                theirs += b * b
                largest = max(largest, abs(a - b))
            }
            let cosine = dot / (own.squareRoot() * theirs.squareRoot())
            #expect(cosine >= 0.9999, "cosine \(cosine) for \(sentence.text.debugDescription)")
            #expect(largest <= 1e-4, "max |diff| \(largest) for \(sentence.text.debugDescription)")
        }

        @Test func eachSentenceMatchesTheReference() throws {
            guard let (model, pooling, reference) = try load() else { return }
            #expect(reference.sentences.count == 20)
            for sentence in reference.sentences {
                let batch = TokenBatch(sequences: [sentence.ids])
                let hidden = model.encode(batch)
                #expect(hidden.shape == [1, sentence.ids.count, 384])
                compare(pooling.pool(hidden, batch: batch)[0], sentence)
            }
        }

        @Test func paddedBatchGivesTheSameVectors() throws {
            guard let (model, pooling, reference) = try load() else { return }
            let batch = TokenBatch(sequences: reference.sentences.map(\.ids))
            let vectors = pooling.pool(model.encode(batch), batch: batch)
            for (vector, sentence) in zip(vectors, reference.sentences) {
                compare(vector, sentence)
            }
        }

        @Test func headOfTheDefaultModelIsMeanAndNormalize() throws {
            guard FileManager.default.fileExists(atPath: modelFolder + "/modules.json") else {
                Issue.record("No model at \(modelFolder): run `make model`")
                return
            }
            #expect(try SentencePooling(folder: modelFolder) == SentencePooling(mode: .mean, normalize: true))
        }
    }

    struct Loading {
        @Test func prefixedAndPlainNamesGiveTheSameModel() throws {
            let prefixed = try TemporaryDirectory()
            let plain = try TemporaryDirectory()
            defer { prefixed.remove(); plain.remove() }
            _ = try tinyBert(in: prefixed, prefix: "bert.")
            _ = try tinyBert(in: plain, prefix: "")
            let batch = TokenBatch(sequences: [[1, 5, 2]])
            let a = try BertModel(folder: prefixed.path).encode(batch)
            let b = try BertModel(folder: plain.path).encode(batch)
            #expect(a.shape == [1, 3, 4])
            #expect(a == b)
            #expect(a.storage.allSatisfy { $0.isFinite })
        }

        @Test func paddingDoesNotChangeRealTokens() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            _ = try tinyBert(in: directory)
            let model = try BertModel(folder: directory.path)
            let alone = model.encode(TokenBatch(sequences: [[1, 5, 2]]))
            let padded = model.encode(TokenBatch(sequences: [[1, 5, 2], [1, 3, 4, 6, 2]]))
            #expect(close(Array(padded.storage[0..<12]), alone.storage, tolerance: 1e-6))
            // A mask with a hole takes the additive path: the hidden token must not reach the others.
            let holed = model.encode(TokenBatch(ids: [1, 5, 9, 2], mask: [1, 1, 0, 1], batchSize: 1, sequenceLength: 4))
            let changed = model.encode(TokenBatch(ids: [1, 5, 3, 2], mask: [1, 1, 0, 1], batchSize: 1, sequenceLength: 4))
            #expect(close(Array(holed.storage[0..<8]) + Array(holed.storage[12..<16]), Array(changed.storage[0..<8]) + Array(changed.storage[12..<16]), tolerance: 1e-6))
            #expect(!close(Array(holed.storage[8..<12]), Array(changed.storage[8..<12]), tolerance: 1e-6))
        }

        @Test func weightsOfAnotherShapeAreRefused() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            _ = try tinyBert(in: directory, hiddenInWeights: 6)
            let error = #expect(throws: InferenceError.self) { _ = try BertModel(folder: directory.path) }
            #expect(error?.code == .wrongShape)
            #expect(error?.message.contains("word_embeddings") == true)
        }

        @Test func missingConfigurationIsAMissingFile() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let error = #expect(throws: InferenceError.self) { _ = try BertModel(folder: directory.path) }
            #expect(error?.code == .missingFile)
        }

        @Test func unsupportedConfigurationsSayWhy() throws {
            let base: [String: Any] = [
                "model_type": "bert", "vocab_size": 10, "hidden_size": 4, "num_hidden_layers": 1,
                "num_attention_heads": 2, "intermediate_size": 8, "hidden_act": "gelu",
            ]
            let cases: [(String, Any, InferenceError.Code, String)] = [
                ("model_type", "roberta", .unsupported, "roberta"),
                ("hidden_act", "swish", .unsupported, "swish"),
                ("position_embedding_type", "relative_key", .unsupported, "relative_key"),
                ("num_attention_heads", 3, .malformed, "num_attention_heads"),
            ]
            for (key, value, code, word) in cases {
                let directory = try TemporaryDirectory()
                defer { directory.remove() }
                var settings = base
                settings[key] = value
                try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: directory.path("config.json")))
                let error = #expect(throws: InferenceError.self) { _ = try BertConfiguration.load(folder: directory.path) }
                #expect(error?.code == code, "\(key)")
                #expect(error?.message.contains(word) == true, "\(error?.message ?? "")")
            }
        }

        @Test func configurationReadsTheDefaultModelsFields() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            _ = try tinyBert(in: directory)
            let configuration = try BertConfiguration.load(folder: directory.path)
            #expect(configuration.hiddenSize == 4)
            #expect(configuration.headSize == 2)
            #expect(configuration.activation == .gelu)
            #expect(configuration.layerNormEpsilon == 1e-12)
        }
    }

    struct Pooling {
        @Test func folderWithoutModulesIsPlainMean() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            #expect(try SentencePooling(folder: directory.path) == SentencePooling(mode: .mean, normalize: false))
        }

        @Test func clsWithoutNormalizeFromTheFiles() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try writeJSON(#"[{"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},{"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"}]"#, to: directory.path("modules.json"))
            try writeJSON(#"{"word_embedding_dimension":4,"pooling_mode_cls_token":true,"pooling_mode_mean_tokens":false,"include_prompt":true}"#, to: directory.path("1_Pooling/config.json"))
            let pooling = try SentencePooling(folder: directory.path)
            #expect(pooling == SentencePooling(mode: .cls, normalize: false))
            let hidden = Tensor(shape: [1, 2, 2], storage: [3, 4, 10, 10])
            #expect(pooling.pool(hidden, batch: TokenBatch(sequences: [[1, 2]])) == [[3, 4]])
            #expect(SentencePooling(mode: .cls, normalize: true).pool(hidden, batch: TokenBatch(sequences: [[1, 2]])) == [[0.6, 0.8]])
        }

        @Test func unsupportedPoolingIsRefused() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try writeJSON(#"[{"path":"1_Pooling","type":"sentence_transformers.models.Pooling"}]"#, to: directory.path("modules.json"))
            try writeJSON(#"{"pooling_mode_weightedmean_tokens":true}"#, to: directory.path("1_Pooling/config.json"))
            let error = #expect(throws: InferenceError.self) { _ = try SentencePooling(folder: directory.path) }
            #expect(error?.code == .unsupported)
        }
    }
}
