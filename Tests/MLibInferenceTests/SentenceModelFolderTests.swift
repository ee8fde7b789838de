import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// Reading sentence-transformers folders of older and current layouts.
struct SentenceModelFolderTests {
    @Test(arguments: [
        ("sentence_transformers.models.Dense", SentenceModules.Kind.dense),
        ("sentence_transformers.models.Dense.Dense", .dense),
        ("sentence_transformers.sentence_transformer.modules.Dense", .dense),
        ("sentence_transformers.models.Pooling", .pooling),
        ("sentence_transformers.models.Transformer.Transformer", .transformer),
        ("sentence_transformers.models.normalize", .normalize),
    ])
    func moduleTypesAreMatchedByTheirLastComponent(type: String, kind: SentenceModules.Kind) {
        #expect(SentenceModules.kind(of: type) == kind)
    }

    @Test func unknownModulesAreRefusedByName() throws {
        let directory = try TinyModels.copy(TinyModels.distilBERT)
        defer { directory.remove() }
        try write(#"[{"path":"","type":"sentence_transformers.models.Transformer"},{"path":"1_Pooling","type":"sentence_transformers.models.Pooling"},{"path":"2","type":"sentence_transformers.models.LayerNorm"}]"#, to: directory.path("modules.json"))
        let error = #expect(throws: InferenceError.self) { _ = try SentenceEncoder(folder: directory.path) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("sentence_transformers.models.LayerNorm") == true)
    }

    @Test(arguments: [
        (#"{"word_embedding_dimension":32,"pooling_mode_mean_tokens":true,"pooling_mode_cls_token":false}"#, SentencePooling.Mode.mean),
        (#"{"word_embedding_dimension":32,"pooling_mode_cls_token":true}"#, .cls),
        (#"{"word_embedding_dimension":32,"pooling_mode_max_tokens":true,"pooling_mode_mean_tokens":false}"#, .max),
        (#"{"word_embedding_dimension":32,"pooling_mode":"cls"}"#, .cls),
        (#"{"word_embedding_dimension":32,"pooling_mode":"max"}"#, .max),
        (#"{"word_embedding_dimension":32,"pooling_mode":"mean"}"#, .mean),
    ])
    func poolingIsReadInEitherForm(config: String, mode: SentencePooling.Mode) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try write(config, to: directory.path("config.json"))
        #expect(try SentencePooling.readMode(directory.path("config.json")) == mode)
    }

    @Test func poolingAloneRefusesADenseHead() throws {
        let error = #expect(throws: InferenceError.self) { _ = try SentencePooling(folder: TinyModels.folder(TinyModels.distilBERT)) }
        #expect(error?.code == .unsupported)
        #expect(try SentencePooling(folder: TinyModels.folder(TinyModels.bertCLS)) == SentencePooling(mode: .cls, normalize: true))
    }

    @Test func theWindowComesFromSentenceConfigThenTokenizerConfigCappedByPositions() throws {
        let directory = try TinyModels.copy(TinyModels.bertCLS)
        defer { directory.remove() }
        // sentence_bert_config.json has no max_seq_length: tokenizer_config.json's model_max_length (20).
        #expect(try SentenceEncoder(folder: directory.path).maxLength == 20)
        // An absurd model_max_length means "no limit": the 40 positions.
        var settings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path("tokenizer_config.json")))) as! [String: Any]
        settings["model_max_length"] = 1e30
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: directory.path("tokenizer_config.json")))
        #expect(try SentenceEncoder(folder: directory.path).maxLength == 40)
        try write(#"{"max_seq_length": 12, "do_lower_case": false}"#, to: directory.path("sentence_bert_config.json"))
        #expect(try SentenceEncoder(folder: directory.path).maxLength == 12)
        try write(#"{"max_seq_length": 4096}"#, to: directory.path("sentence_bert_config.json"))
        #expect(try SentenceEncoder(folder: directory.path).maxLength == 40)
        try write(#"{"max_seq_length": 1}"#, to: directory.path("sentence_bert_config.json"))
        #expect(throws: InferenceError.self) { _ = try SentenceEncoder(folder: directory.path) }
    }

    @Test(arguments: ["roberta", "xlm-roberta"])
    func otherFamiliesAreUnsupportedInOneLine(modelType: String) throws {
        let directory = try TinyModels.copy(TinyModels.bertCLS)
        defer { directory.remove() }
        try write(#"{"model_type":"\#(modelType)","vocab_size":10,"hidden_size":32,"num_hidden_layers":2,"num_attention_heads":4,"intermediate_size":64}"#, to: directory.path("config.json"))
        let error = #expect(throws: InferenceError.self) { _ = try SentenceEncoder(folder: directory.path) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("'\(modelType)'") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func aTokenizerJSONOnlyFolderSaysWhatIsMissing() throws {
        let directory = try TinyModels.copy(TinyModels.bertCLS)
        defer { directory.remove() }
        try FileManager.default.removeItem(atPath: directory.path("vocab.txt"))
        try write("{}", to: directory.path("tokenizer.json"))
        let error = #expect(throws: InferenceError.self) { _ = try SentenceEncoder(folder: directory.path) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("vocab.txt") == true)
        #expect(error?.message.contains("tokenizer.json") == true)
    }

    @Test func denseWeightsOnlyInPickleFormAreUnsupported() throws {
        let directory = try TinyModels.copy(TinyModels.distilBERT)
        defer { directory.remove() }
        try FileManager.default.moveItem(atPath: directory.path("2_Dense/model.safetensors"), toPath: directory.path("2_Dense/pytorch_model.bin"))
        let error = #expect(throws: InferenceError.self) { _ = try SentenceEncoder(folder: directory.path) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("pytorch_model.bin") == true)
    }

    @Test func inspectorReportsFamilyAndOutputDimension() throws {
        let distil = try ModelInspector.describe(folder: TinyModels.folder(TinyModels.distilBERT))
        #expect(distil.family == "distilbert")
        #expect(distil.dimension == 16)
        let old = try ModelInspector.describe(folder: TinyModels.folder(TinyModels.distilBERTOldLayout))
        #expect(old.dimension == 16)
        #expect(old.family == "distilbert")
        #expect(old.fingerprint != distil.fingerprint, "modules.json differs, so the fingerprint does")
        let bert = try ModelInspector.describe(folder: TinyModels.folder(TinyModels.bertCLS))
        #expect(bert.family == "bert")
        #expect(bert.dimension == 32)
    }

    @Test func theDenseConfigurationIsPartOfTheFingerprint() throws {
        let directory = try TinyModels.copy(TinyModels.distilBERT)
        defer { directory.remove() }
        let before = try ModelInspector.describe(folder: directory.path).fingerprint
        let path = directory.path("2_Dense/config.json")
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "Tanh", with: "Identity")
        try write(text, to: path)
        let after = try ModelInspector.describe(folder: directory.path)
        #expect(after.fingerprint != before)
        #expect(after.dimension == 16)
    }
}
