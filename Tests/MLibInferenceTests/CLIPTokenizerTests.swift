import Foundation
import Testing
import MLibTestSupport
@testable import MLibInference

/// The CLIP tokenizer's own behaviour beyond the golden ids: windows, padding,
/// special tokens as a configuration names them, and damaged files.
struct CLIPTokenizerTests {
    private let folder = CLIPFixtures.folder(CLIPFixtures.clip)

    /// A copy of the tiny CLIP folder's tokenizer files, `change` applied.
    private func copy(_ change: (TemporaryDirectory) throws -> Void) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for file in ["vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"] {
            try FileManager.default.copyItem(atPath: folder + "/" + file, toPath: directory.path(file))
        }
        try change(directory)
        return directory
    }

    @Test func aShortWindowKeepsTheEndToken() throws {
        let tokenizer = try CLIPTokenizer(folder: folder, contextLength: 5)
        let ids = tokenizer.encode("a photo of a cat on the mat")
        #expect(ids == [49406, 320, 1125, 539, 49407])
        #expect(try CLIPTokenizer(folder: folder, contextLength: 2).encode("a photo") == [49406, 49407])
    }

    /// Only the window's worth of a word is merged, so a long run of letters neither
    /// hangs nor changes the ids the window keeps.
    @Test func aHugeWordIsCutToTheWindow() throws {
        let expected = try CLIPFixtures.reference().clip.strings.first { $0.text == String(repeating: "a", count: 300) }
        let chunk = try #require(expected?.ids[1])
        let tokenizer = try CLIPTokenizer(folder: folder)
        let clock = ContinuousClock()
        let start = clock.now
        let ids = tokenizer.encode(String(repeating: "a", count: 200_000))
        #expect(clock.now - start < .seconds(5))
        #expect(ids == [49406] + Array(repeating: chunk, count: 75) + [49407])
    }

    @Test func piecesAndTokens() throws {
        let tokenizer = try CLIPTokenizer(folder: folder)
        #expect(tokenizer.tokens("A Photo, isn't it?") == ["a</w>", "photo</w>", ",</w>", "isn</w>", "'t</w>", "it</w>", "?</w>"])
        #expect(tokenizer.pieceIDs("") == [])
        #expect(tokenizer.startID == 49406 && tokenizer.endID == 49407 && tokenizer.padID == 49407)
    }

    @Test func aBatchIsPaddedWithThePadToken() throws {
        let tokenizer = try CLIPTokenizer(folder: folder)
        let batch = tokenizer.batch(["a cat", "a photo of a cat"])
        #expect(batch.sequenceLength == 7)
        #expect(Array(batch.ids[0..<7]) == [49406, 320, 2368, 49407, 49407, 49407, 49407])
        #expect(Array(batch.mask[0..<7]) == [1, 1, 1, 1, 0, 0, 0])
    }

    /// Some CLIP folders name `!` as the pad token; Hugging Face then treats every `!`
    /// in a text as that special token (id 0) rather than as the word piece `!</w>`.
    @Test func aPadTokenNamedInTheConfigurationIsSpecial() throws {
        let directory = try copy { directory in
            try write(#"{"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "pad_token": "!", "unk_token": "<|endoftext|>", "model_max_length": 77}"#, to: directory.path("tokenizer_config.json"))
            try FileManager.default.removeItem(atPath: directory.path("special_tokens_map.json"))
        }
        defer { directory.remove() }
        let tokenizer = try CLIPTokenizer(folder: directory.path)
        #expect(tokenizer.padID == 0)
        #expect(tokenizer.encode("hello! world!!") == [49406, 3306, 0, 1002, 0, 0, 49407])
    }

    @Test func missingOrMismatchedFilesAreOneLineErrors() throws {
        let noVocabulary = try copy { try FileManager.default.removeItem(atPath: $0.path("vocab.json")) }
        defer { noVocabulary.remove() }
        let missing = #expect(throws: InferenceError.self) { try CLIPTokenizer(folder: noVocabulary.path) }
        #expect(missing?.code == .missingFile)

        let foreignMerges = try copy { try write("#version: 0.2\nq zx\n", to: $0.path("merges.txt")) }
        defer { foreignMerges.remove() }
        let mismatch = #expect(throws: InferenceError.self) { try CLIPTokenizer(folder: foreignMerges.path) }
        #expect(mismatch?.code == .malformed)
        #expect(mismatch.map { !$0.description.contains("\n") } ?? false)

        let badVocabulary = try copy { try write("[1, 2]", to: $0.path("vocab.json")) }
        defer { badVocabulary.remove() }
        #expect(throws: InferenceError.self) { try CLIPTokenizer(folder: badVocabulary.path) }
    }
}

/// `vocab.json` is read from its bytes; JSON's escapes must come out as the same
/// tokens `JSONSerialization` reads.
struct CLIPTokenTableTests {
    @Test func escapesAndLookups() throws {
        let json = #"{"a": 0, "\u00e9t\u00E9</w>": 1, "\ud83d\ude00": 2, "q\"\\\/": 3 , "b\n\t" : 7}"#
        let table = try #require(CLIPTokenTable(json: Data(json.utf8)))
        #expect(table.count == 8)
        #expect(table.id(of: "été</w>") == 1 && table.id(of: "😀") == 2 && table.id(of: "q\"\\/") == 3 && table.id(of: "b\n\t") == 7)
        #expect(table.id(of: "a") == 0 && table.id(of: "b") == nil && table.id(of: "") == nil)
        #expect(table.token(of: 1) == "été</w>" && table.token(of: 5) == "")
    }

    @Test(arguments: ["", "{}", "[1]", #"{"a": -1}"#, #"{"a": 1,}"#, #"{"a" 1}"#, #"{"\ud83d": 1}"#, #"{"a": 1} x"#])
    func malformedVocabulariesAreRefused(json: String) {
        #expect(CLIPTokenTable(json: Data(json.utf8)) == nil)
    }
}
