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
