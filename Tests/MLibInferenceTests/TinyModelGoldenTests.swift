import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// mlib against `transformers` / `sentence-transformers` on the tiny random models:
/// token ids exactly, vectors to float32 rounding.
struct TinyModelGoldenTests {
    @Test(arguments: TinyModels.all)
    func idsAndVectorsMatchTheReference(model name: String) throws {
        let expected = try #require(try TinyModels.reference().models[name])
        let encoder = try SentenceEncoder(folder: TinyModels.folder(name))
        #expect(encoder.family == expected.family)
        #expect(encoder.maxLength == expected.maxLength)
        #expect(encoder.dimension == expected.dimension)
        for sentence in expected.sentences {
            #expect(try encoder.tokenIDs(sentence.text) == sentence.ids, "\(sentence.text.debugDescription)")
            let vector = try encoder.embed([sentence.text])[0]
            #expect(vector.count == expected.dimension)
            let (cosine, largest) = agreement(vector, sentence.embedding)
            #expect(cosine >= 0.9999, "cosine \(cosine) for \(sentence.text.debugDescription)")
            #expect(largest <= 1e-4, "max |diff| \(largest) for \(sentence.text.debugDescription)")
        }
    }

    @Test(arguments: TinyModels.all)
    func aPaddedBatchGivesTheSameVectors(model name: String) throws {
        let expected = try #require(try TinyModels.reference().models[name])
        let encoder = try SentenceEncoder(folder: TinyModels.folder(name))
        let vectors = try encoder.embed(expected.sentences.map(\.text))
        #expect(vectors.count == expected.sentences.count)
        for (vector, sentence) in zip(vectors, expected.sentences) {
            let (cosine, largest) = agreement(vector, sentence.embedding)
            #expect(cosine >= 0.9999 && largest <= 1e-4, "\(sentence.text.debugDescription): cosine \(cosine), max |diff| \(largest)")
        }
    }

    @Test func maxPoolingMatchesTheReference() throws {
        let expected = try #require(try TinyModels.reference().variants["tiny-bert-cls:max"])
        let directory = try TinyModels.copy(TinyModels.bertCLS)
        defer { directory.remove() }
        try write(#"{"embedding_dimension": 32, "pooling_mode": "max", "include_prompt": true}"#, to: directory.path("1_Pooling/config.json"))
        let encoder = try SentenceEncoder(folder: directory.path)
        let vectors = try encoder.embed(expected.sentences.map(\.text))
        for (vector, sentence) in zip(vectors, expected.sentences) {
            let (cosine, largest) = agreement(vector, sentence.embedding)
            #expect(cosine >= 0.9999 && largest <= 1e-4, "\(sentence.text.debugDescription): cosine \(cosine), max |diff| \(largest)")
        }
    }

    /// A `DistilBertForX` checkpoint names every tensor `distilbert.…`; the header is
    /// rewritten with that prefix, which also moves the data off 4-byte alignment, so
    /// the copying path runs the whole model too.
    @Test func prefixedAndMisalignedWeightsGiveTheSameVectors() throws {
        let expected = try #require(try TinyModels.reference().models[TinyModels.distilBERT])
        let directory = try TinyModels.copy(TinyModels.distilBERT)
        defer { directory.remove() }
        let path = directory.path("model.safetensors")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let headerLength = Int(bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        let header = try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + headerLength))) as! [String: Any]
        var renamed: [String: Any] = [:]
        for (name, entry) in header {
            renamed[name == "__metadata__" ? name : "distilbert." + name] = entry
        }
        var newHeader = try JSONSerialization.data(withJSONObject: renamed)
        while (8 + newHeader.count) % 4 != 1 { newHeader.append(0x20) }
        var rewritten = withUnsafeBytes(of: UInt64(newHeader.count).littleEndian) { Data($0) }
        rewritten += newHeader
        rewritten += bytes.subdata(in: (8 + headerLength)..<bytes.count)
        try rewritten.write(to: URL(fileURLWithPath: path))

        let weights = try SafetensorsFile(path: path)
        #expect(weights.contains("distilbert.transformer.layer.1.ffn.lin2.weight"))
        let model = try BertModel(configuration: try BertConfiguration.load(folder: directory.path), weights: weights)
        #expect(!model.usesMappedWeights)
        let encoder = try SentenceEncoder(folder: directory.path)
        let vectors = try encoder.embed(expected.sentences.map(\.text))
        for (vector, sentence) in zip(vectors, expected.sentences) {
            let (cosine, largest) = agreement(vector, sentence.embedding)
            #expect(cosine >= 0.9999 && largest <= 1e-4, "\(sentence.text.debugDescription): cosine \(cosine), max |diff| \(largest)")
        }
    }

    @Test func theCasedVocabularyKeepsCaseAndAccents() throws {
        let tokenizer = try WordPieceTokenizer(folder: TinyModels.folder(TinyModels.distilBERT))
        #expect(tokenizer.tokens("Crème Noël") == ["Crème", "Noël"])
        #expect(tokenizer.tokens("ÉCOLE école") == ["É", "##C", "##O", "##L", "##E", "école"])
    }

    @Test func theUncasedVocabularyFoldsCaseAndAccents() throws {
        let tokenizer = try WordPieceTokenizer(folder: TinyModels.folder(TinyModels.bertCLS))
        #expect(tokenizer.tokens("Crème Noël") == ["creme", "noel"])
    }

    @Test func theWeightsAreUsedInPlace() throws {
        let folder = TinyModels.folder(TinyModels.bertCLS)
        let model = try BertModel(folder: folder)
        #expect(model.usesMappedWeights)
    }

    @Test func oldAndCurrentLayoutsReadAlike() throws {
        let current = try ModelFolder(path: TinyModels.folder(TinyModels.distilBERT))
        let old = try ModelFolder(path: TinyModels.folder(TinyModels.distilBERTOldLayout))
        #expect(current.modules == old.modules)
        #expect(current.modules.modules.map(\.kind) == [.transformer, .pooling, .dense, .normalize])
        #expect(current.poolingMode == .mean && old.poolingMode == .mean)
        // 6.x keeps the window as the tokenizer's model_max_length, 2.x in sentence_bert_config.json.
        #expect(current.maxLength == 24 && old.maxLength == 24)
        #expect(current.outputDimension == 16 && old.outputDimension == 16)
    }
}
