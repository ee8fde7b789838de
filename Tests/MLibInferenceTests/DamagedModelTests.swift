import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// A damaged model folder gives one line saying what is wrong, never a trap.
struct DamagedModelTests {
    /// Copies model `name`, lets `damage` spoil the copy, then loads and runs it.
    private func failure(of name: String = TinyModels.distilBERT, _ damage: (TemporaryDirectory) throws -> Void) throws -> InferenceError? {
        let directory = try TinyModels.copy(name)
        defer { directory.remove() }
        try damage(directory)
        let error = #expect(throws: InferenceError.self) {
            let encoder = try SentenceEncoder(folder: directory.path)
            _ = try encoder.embed(["Crème brûlée", "東京"])
        }
        if let error {
            #expect(!error.description.contains("\n"), "\(error)")
            #expect(!error.message.isEmpty)
        }
        return error
    }

    private func truncate(_ path: String, to fraction: Double) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(Int(Double(data.count) * fraction)).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [0.5, 0.99, 0.001])
    func aTruncatedWeightsFile(keeping fraction: Double) throws {
        let error = try failure { try truncate($0.path("model.safetensors"), to: fraction) }
        #expect(error?.code == .truncated)
    }

    @Test func aTruncatedDenseWeightsFile() throws {
        let error = try failure { try truncate($0.path("2_Dense/model.safetensors"), to: 0.6) }
        #expect(error?.code == .truncated)
    }

    @Test func weightsOfAnotherShape() throws {
        // The configuration claims a wider feed-forward layer than the weights hold.
        let error = try failure { directory in
            let path = directory.path("config.json")
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: #""hidden_dim": 64"#, with: #""hidden_dim": 48"#)
            try write(text, to: path)
        }
        #expect(error?.code == .wrongShape)
        #expect(error?.message.contains("lin1") == true)
    }

    @Test func aDenseLayerOfAnotherShape() throws {
        let error = try failure { directory in
            let path = directory.path("2_Dense/config.json")
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: #""out_features": 16"#, with: #""out_features": 8"#)
            try write(text, to: path)
        }
        #expect(error?.code == .wrongShape)
        #expect(error?.message.contains("linear.weight") == true)
    }

    @Test func anEmptyVocabulary() throws {
        let error = try failure { try Data().write(to: URL(fileURLWithPath: $0.path("vocab.txt"))) }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("empty") == true)
    }

    @Test func aVocabularyThatIsNotText() throws {
        let error = try failure { try Data([0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A]).write(to: URL(fileURLWithPath: $0.path("vocab.txt"))) }
        #expect(error?.code == .malformed)
    }

    @Test func aVocabularyWithoutSpecialTokens() throws {
        let error = try failure { try write("hello\nworld\n", to: $0.path("vocab.txt")) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("[PAD]") == true)
    }

    @Test func aVocabularyLargerThanTheEmbeddings() throws {
        let error = try failure { directory in
            let path = directory.path("vocab.txt")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try write(text + (0..<50).map { "extra\($0)" }.joined(separator: "\n") + "\n", to: path)
        }
        #expect(error?.code == .wrongShape)
        #expect(error?.message.contains("vocab_size") == true)
    }

    @Test(arguments: [
        #"{"model_type": "distilbert", "dim": 32,"#,
        #"[1, 2, 3]"#,
        #"{"model_type": "distilbert", "dim": "wide", "n_layers": 2, "n_heads": 4, "hidden_dim": 64, "vocab_size": 300}"#,
        #"{"model_type": "distilbert", "dim": 32, "n_layers": 2, "n_heads": 0, "hidden_dim": 64, "vocab_size": 300}"#,
        #"{"model_type": "distilbert", "dim": 30, "n_layers": 2, "n_heads": 4, "hidden_dim": 64, "vocab_size": 300}"#,
        #"{"model_type": "distilbert", "dim": 32, "n_layers": 2, "n_heads": 4, "hidden_dim": 64, "vocab_size": 1e30}"#,
        "",
    ])
    func aMalformedConfiguration(_ text: String) throws {
        let error = try failure { try write(text, to: $0.path("config.json")) }
        #expect(error?.code == .malformed)
    }

    @Test func aConfigurationWithMoreLayersThanTheWeights() throws {
        let error = try failure { directory in
            let path = directory.path("config.json")
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: #""n_layers": 2"#, with: #""n_layers": 3"#)
            try write(text, to: path)
        }
        #expect(error?.code == .missingTensor)
        #expect(error?.message.contains("transformer.layer.2") == true)
    }

    @Test(arguments: ["modules.json", "1_Pooling/config.json", "2_Dense/config.json", "sentence_bert_config.json", "tokenizer_config.json"])
    func aMalformedModuleFile(_ file: String) throws {
        let error = try failure { try write("{not json", to: $0.path(file)) }
        #expect(error?.code == .malformed)
    }

    @Test func aSafetensorsHeaderThatIsNotJSON() throws {
        let error = try failure { directory in
            let path = directory.path("model.safetensors")
            var data = try Data(contentsOf: URL(fileURLWithPath: path))
            data[8] = UInt8(ascii: "#")
            try data.write(to: URL(fileURLWithPath: path))
        }
        #expect(error?.code == .malformed)
    }
}
