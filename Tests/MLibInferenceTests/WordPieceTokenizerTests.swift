import Foundation
import MLibInference
import MLibTestSupport
import Testing

/// The tokenizer against Hugging Face `tokenizers` on the real model, and its rules
/// one by one on a vocabulary small enough to read.
struct WordPieceTokenizerTests {
    /// The reference ids of `Tests/Fixtures/models/minilm-reference.json`.
    struct Reference: Decodable {
        struct Sentence: Decodable {
            var text: String
            var ids: [Int32]
        }

        var max_length: Int
        var sentences: [Sentence]
    }

    /// The default model's folder: `MLIB_TEST_MODEL`, else the project's `models/`.
    static let modelFolder: String =
        ProcessInfo.processInfo.environment["MLIB_TEST_MODEL"]
        ?? Fixtures.packageRoot + "/models/all-MiniLM-L6-v2"

    static func loadModelTokenizer() throws -> WordPieceTokenizer {
        try #require(
            FileManager.default.fileExists(atPath: modelFolder + "/vocab.txt"),
            "no model at \(modelFolder): run make model (or set MLIB_TEST_MODEL)"
        )
        return try WordPieceTokenizer(folder: modelFolder)
    }

    @Test func idsMatchTheReferenceTokenizerForEverySentence() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/minilm-reference.json")))
        let reference = try JSONDecoder().decode(Reference.self, from: data)
        #expect(reference.sentences.count == 20)
        let tokenizer = try Self.loadModelTokenizer()
        for sentence in reference.sentences {
            let ids = tokenizer.encode(sentence.text, maxLength: reference.max_length)
            #expect(ids == sentence.ids, "\(sentence.text.prefix(60))")
        }
        #expect(reference.sentences.contains { $0.ids.count == reference.max_length }, "the fixture must exercise truncation")
    }

    @Test func modelFolderSpecialIDs() throws {
        let tokenizer = try Self.loadModelTokenizer()
        #expect([tokenizer.padID, tokenizer.unkID, tokenizer.clsID, tokenizer.sepID] == [0, 100, 101, 102])
        #expect(tokenizer.tokens("Seaside holidays") == ["seaside", "holidays"])
    }

    // MARK: - Rules, on a tiny vocabulary

    static let vocabulary = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "the", "cafe", "creme", "brulee", "a", "##a", "noel", "hello", "world", "un", "##aff", "##able",
        "play", "##ing", "it", "s", ",", "!", "'", ".", "-", "我", "们", "uber", "grosse", "σ", "##α", "##σ", "[", "]",
    ]
    let tiny = WordPieceTokenizer(vocabulary: vocabulary)

    @Test func accentsAreStrippedAndCaseFolded() {
        #expect(tiny.tokens("Crème BRÛLÉE à Noël") == ["creme", "brulee", "a", "noel"])
        // Decomposed input reads the same as precomposed.
        #expect(tiny.tokens("Cre\u{300}me") == ["creme"])
        #expect(tiny.tokens("ÜBER") == ["uber"])
        #expect(tiny.tokens("ΣΑΣ") == ["σ", "##α", "##σ"])
    }

    @Test func casedVocabularyKeepsCaseAndAccents() {
        let cased = WordPieceTokenizer(vocabulary: Self.vocabulary + ["Hello", "café"], lowercase: false)
        #expect(cased.tokens("Hello hello HELLO") == ["Hello", "hello", "[UNK]"])
        #expect(cased.tokens("café cafe") == ["café", "cafe"])
    }

    @Test func punctuationSplitsWords() {
        #expect(tiny.tokens("hello,world!it's") == ["hello", ",", "world", "!", "it", "'", "s"])
        #expect(tiny.tokens("un-playing. ¡¿") == ["un", "-", "play", "##ing", ".", "[UNK]", "[UNK]"])
    }

    @Test func whitespaceAndControlCharacters() {
        // NUL, U+FFFD and zero-width space vanish inside a word; tab, no-break space
        // and ideographic space separate words.
        #expect(tiny.tokens("hel\u{0}lo\u{FFFD}\twor\u{200B}ld\u{00A0}the\u{3000}cafe") == ["hello", "world", "the", "cafe"])
        #expect(tiny.tokens("   \n\t ") == [])
        #expect(tiny.encode("  ", maxLength: 8) == [tiny.clsID, tiny.sepID])
    }

    @Test func cjkIdeographsAreWordsOfTheirOwn() {
        #expect(tiny.tokens("hello我们world") == ["hello", "我", "们", "world"])
        // Not in the vocabulary, yet split: one [UNK] per character.
        #expect(tiny.tokens("我去们") == ["我", "[UNK]", "们"])
    }

    @Test func continuationPiecesAndUnknownWords() {
        #expect(tiny.tokens("unaffable playing") == ["un", "##aff", "##able", "play", "##ing"])
        // One unspellable part makes the whole word unknown, not just that part.
        #expect(tiny.tokens("unaffxable the") == ["[UNK]", "the"])
        let hundred = String(repeating: "a", count: 100)
        #expect(tiny.tokens(hundred) == ["a"] + Array(repeating: "##a", count: 99))
        #expect(tiny.tokens(hundred + "a") == ["[UNK]"])
    }

    @Test func specialTokensWrittenInTheTextStayWhole() {
        #expect(tiny.tokens("hello[SEP]world [MASK]") == ["hello", "[SEP]", "world", "[MASK]"])
        // Only as written: lower case is ordinary text.
        #expect(tiny.tokens("[sep]") == ["[", "[UNK]", "]"])
    }

    @Test func encodeWrapsAndTruncatesKeepingSep() {
        let hello = Int32(Self.vocabulary.firstIndex(of: "hello")!)
        let world = Int32(Self.vocabulary.firstIndex(of: "world")!)
        #expect(tiny.encode("hello world", maxLength: 16) == [tiny.clsID, hello, world, tiny.sepID])
        #expect(tiny.encode("hello world hello world", maxLength: 4) == [tiny.clsID, hello, world, tiny.sepID])
        #expect(tiny.encode("hello world", maxLength: 2) == [tiny.clsID, tiny.sepID])
        // A word cut by the limit: its first pieces stay, as in the reference.
        let unaffable = tiny.encode("hello unaffable", maxLength: 4)
        #expect(unaffable.count == 4 && unaffable.last == tiny.sepID)
    }

    @Test func batchPadsToTheLongestWithMasks() {
        let batch = tiny.batch(["hello", "hello world the", ""], maxLength: 16)
        #expect(batch.batchSize == 3)
        #expect(batch.sequenceLength == 5)
        #expect(Array(batch.ids[0..<5]) == [tiny.clsID, 12, tiny.sepID, tiny.padID, tiny.padID])
        #expect(Array(batch.mask[0..<5]) == [1, 1, 1, 0, 0])
        #expect(Array(batch.mask[5..<10]) == [1, 1, 1, 1, 1])
        #expect(Array(batch.ids[10..<15]) == [tiny.clsID, tiny.sepID, tiny.padID, tiny.padID, tiny.padID])
        #expect((0..<3).map { batch.length(of: $0) } == [3, 5, 2])
    }

    // MARK: - Folders

    @Test func folderReadsLowerCasingFromTokenizerConfig() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try (Self.vocabulary + ["Hello"]).joined(separator: "\n").appending("\n")
            .write(toFile: folder.path("vocab.txt"), atomically: true, encoding: .utf8)
        let uncased = try WordPieceTokenizer(folder: folder.path)
        #expect(uncased.tokens("Hello") == ["hello"])
        try #"{"do_lower_case": false}"#.write(toFile: folder.path("tokenizer_config.json"), atomically: true, encoding: .utf8)
        let cased = try WordPieceTokenizer(folder: folder.path)
        #expect(cased.tokens("Hello") == ["Hello"])
        #expect(cased.unkID == 1 && cased.clsID == 2 && cased.sepID == 3 && cased.padID == 0)
    }

    @Test func folderWithoutAWordPieceVocabularyIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(throws: InferenceError.self) { try WordPieceTokenizer(folder: folder.path) }
        do {
            _ = try WordPieceTokenizer(folder: folder.path)
        } catch {
            #expect(error.code == .missingFile)
            #expect(error.description.contains("vocab.txt"))
        }
        try "▁the\n▁a\n".write(toFile: folder.path("vocab.txt"), atomically: true, encoding: .utf8)
        do {
            _ = try WordPieceTokenizer(folder: folder.path)
            Issue.record("a vocabulary without [UNK] loaded")
        } catch {
            #expect(error.code == .unsupported)
        }
        try #"{"do_lower_case": tru"#.write(toFile: folder.path("tokenizer_config.json"), atomically: true, encoding: .utf8)
        try Self.vocabulary.joined(separator: "\n").write(toFile: folder.path("vocab.txt"), atomically: true, encoding: .utf8)
        do {
            _ = try WordPieceTokenizer(folder: folder.path)
            Issue.record("a broken tokenizer_config.json was accepted")
        } catch {
            #expect(error.code == .malformed)
        }
    }
}
