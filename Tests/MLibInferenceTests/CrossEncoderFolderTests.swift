import Foundation
import MLibTestSupport
import Testing
@testable import MLibInference

/// Which folders are cross-encoders, and the one-line reasons one cannot load.
struct CrossEncoderFolderTests {
    /// Copies the one-label fixture, lets `damage` spoil the copy, then loads it.
    private func failure(_ damage: (TemporaryDirectory) throws -> Void) throws -> InferenceError? {
        let directory = try TinyModels.copy(CrossEncoderFixtures.oneLabel)
        defer { directory.remove() }
        try damage(directory)
        let error = #expect(throws: InferenceError.self) {
            _ = try CrossEncoder(folder: URL(fileURLWithPath: directory.path))
        }
        if let error {
            #expect(!error.description.contains("\n"), "\(error)")
            #expect(error.description.contains(directory.path), "the error names the file: \(error)")
        }
        return error
    }

    private func editConfig(_ directory: TemporaryDirectory, _ edit: (inout [String: Any]) -> Void) throws {
        let path = directory.path("config.json")
        var config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        edit(&config)
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: path))
    }

    @Test func crossEncodersAreToldFromSentenceAndCLIPModels() {
        for name in CrossEncoderFixtures.all {
            #expect(CrossEncoder.isCrossEncoder(folder: CrossEncoderFixtures.url(name)), "\(name)")
        }
        for name in [TinyModels.bertCLS, TinyModels.distilBERT, CLIPFixtures.clip, CLIPFixtures.multilingual] {
            #expect(!CrossEncoder.isCrossEncoder(folder: URL(fileURLWithPath: TinyModels.folder(name))), "\(name)")
        }
        #expect(!CrossEncoder.isCrossEncoder(folder: URL(fileURLWithPath: "/nonexistent/model")))
    }

    @Test(arguments: CrossEncoderFixtures.all)
    func theInspectorDoesNotTakeACrossEncoderForASentenceModel(model name: String) throws {
        let folder = TinyModels.folder(name)
        let described = #expect(throws: InferenceError.self) { _ = try ModelInspector.describeTowers(folder: folder) }
        #expect(described?.code == .unsupported)
        #expect(described?.message.contains("cross-encoder") == true, "\(String(describing: described))")
        let loaded = #expect(throws: InferenceError.self) { _ = try SentenceEncoder(folder: folder) }
        #expect(loaded?.message.contains("cross-encoder") == true)
    }

    @Test func aSentenceModelWithAPoolingModuleStaysOneWhateverItsArchitecture() throws {
        let directory = try TinyModels.copy(TinyModels.bertCLS)
        defer { directory.remove() }
        try editConfig(directory) { $0["architectures"] = ["BertForSequenceClassification"] }
        let descriptor = try ModelInspector.describe(folder: directory.path)
        #expect(descriptor.family == "bert" && descriptor.tower == .text)
    }

    /// sentence-transformers 6 saves a CrossEncoder with a modules.json of one
    /// Transformer module and a sentence_bert_config.json without a window.
    @Test func aCrossEncoderSavedBySentenceTransformersLoadsAndIsNoSentenceModel() throws {
        let directory = try TinyModels.copy(CrossEncoderFixtures.oneLabel)
        defer { directory.remove() }
        try write(#"[{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.base.modules.transformer.Transformer"}]"#, to: directory.path("modules.json"))
        try write(#"{"transformer_task": "sequence-classification", "module_output_name": "scores"}"#, to: directory.path("sentence_bert_config.json"))
        let error = #expect(throws: InferenceError.self) { _ = try ModelInspector.describe(folder: directory.path) }
        #expect(error?.message.contains("cross-encoder") == true, "\(String(describing: error))")
        let saved = try CrossEncoder(folder: URL(fileURLWithPath: directory.path))
        let original = try CrossEncoder(folder: CrossEncoderFixtures.url(CrossEncoderFixtures.oneLabel))
        #expect(saved.maxLength == original.maxLength)
        let documents = ["The lighthouse and the seaside holiday are fine words.", ""]
        #expect(try saved.scores(query: "seaside", documents: documents) == original.scores(query: "seaside", documents: documents))
    }

    @Test func aSentenceModelIsNotACrossEncoder() throws {
        let error = #expect(throws: InferenceError.self) {
            _ = try CrossEncoder(folder: URL(fileURLWithPath: TinyModels.folder(TinyModels.bertCLS)))
        }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("BertModel") == true, "the error says what the folder is: \(String(describing: error))")
    }

    @Test func aMissingClassifierIsNamed() throws {
        let error = try failure { directory in
            try rewriteSafetensorsHeader(directory.path("model.safetensors")) { $0.hasPrefix("classifier.") ? nil : $0 }
        }
        #expect(error?.code == .missingTensor)
        #expect(error?.message.contains("classifier.weight") == true)
        #expect(error?.path.hasSuffix("model.safetensors") == true)
    }

    @Test func aMissingPoolerIsNamed() throws {
        let error = try failure { directory in
            try rewriteSafetensorsHeader(directory.path("model.safetensors")) { $0.hasPrefix("bert.pooler.") ? nil : $0 }
        }
        #expect(error?.code == .missingTensor)
        #expect(error?.message.contains("bert.pooler.dense.weight") == true)
    }

    @Test func aClassifierOfAnotherShape() throws {
        // config.json claims two labels; the weights have one.
        let error = try failure { directory in
            try editConfig(directory) { $0["id2label"] = ["0": "no", "1": "yes"] }
        }
        #expect(error?.code == .wrongShape)
        #expect(error?.message.contains("classifier.weight") == true)
    }

    @Test(arguments: [0.5, 0.001])
    func aTruncatedWeightsFile(keeping fraction: Double) throws {
        let error = try failure { directory in
            let path = directory.path("model.safetensors")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            try data.prefix(Int(Double(data.count) * fraction)).write(to: URL(fileURLWithPath: path))
        }
        #expect(error?.code == .truncated)
        #expect(error?.path.hasSuffix("model.safetensors") == true)
    }

    @Test func aClassifierOfManyLabelsIsRefused() throws {
        let error = try failure { directory in
            try editConfig(directory) { $0["num_labels"] = 3 }
        }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("3 labels") == true)
    }

    @Test func otherSequenceClassifiersAreRefused() throws {
        let error = try failure { directory in
            try editConfig(directory) {
                $0["architectures"] = ["DistilBertForSequenceClassification"]
                $0["model_type"] = "distilbert"
            }
        }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("DistilBertForSequenceClassification") == true)
    }

    @Test func aFolderWithoutVocabulary() throws {
        let error = try failure { try FileManager.default.removeItem(atPath: $0.path("vocab.txt")) }
        #expect(error?.code == .missingFile)
    }
}
