import MLibCore
import Testing

@testable import MLibSearch

/// Where the rerank's word features cut an item's text into words and how it folds
/// them, beyond plain ASCII: the cases its byte-level reading must get right.
@Suite struct LexicalMatchTokenTests {
    static func match(_ query: String) -> LexicalMatch {
        LexicalMatch(QueryAnalyzer.analyze(query))
    }

    @Test func wordsWithOtherLettersAreFoldedAsTheQueryIs() {
        let coverage = Self.match("cafe naive").coverage(of: [.title: "CAFÉ", .body: "a Naïve—and kind—soul"])
        #expect(coverage.all == 1)
        #expect(coverage.naming == 0.5)
        #expect(Self.match("Café").coverage(of: [.body: "the cafe-bar"]).all == 1)
        #expect(Self.match("θάλασσα").coverage(of: [.body: "Η ΘΆΛΑΣΣΑ, ήρεμη"]).all == 1, "a query word that is not ASCII")
        #expect(Self.match("über straße").coverage(of: [.body: "Die Über Straße"]).phrase)
    }

    @Test func aWordWithOtherLettersBetweenQueryWordsBreaksThePhrase() {
        let match = Self.match("red dress")
        #expect(match.coverage(of: [.body: "A naïve red dress."]).phrase)
        #expect(!match.coverage(of: [.body: "A red naïve dress."]).phrase)
    }

    @Test func lettersOfAnyScriptAndDigitsMakeOneWordAndSymbolsCutIt() {
        #expect(Self.match("mp4").coverage(of: [.body: "file.mp4"]).all == 1)
        #expect(Self.match("naive").coverage(of: [.body: "naïveté"]).all == 0)
        #expect(Self.match("x").coverage(of: [.body: "x²"]).all == 0)
        #expect(Self.match("emoji").coverage(of: [.body: "emoji🙂here"]).all == 1)
        #expect(Self.match("beach").coverage(of: [.body: "Beach海滩"]).all == 0)
    }
}
