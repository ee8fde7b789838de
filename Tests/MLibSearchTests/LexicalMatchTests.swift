import MLibCore
import Testing

@testable import MLibSearch

/// The rerank's word features: which of the query's words an item holds, in its naming
/// fields or anywhere, and whether they stand together as typed.
@Suite struct LexicalMatchTests {
    static func match(_ query: String) -> LexicalMatch {
        LexicalMatch(QueryAnalyzer.analyze(query))
    }

    @Test func coverageCountsWordsAnywhereAndInNamingFieldsApart() {
        let coverage = Self.match("harbour ferry sunset").coverage(of: [
            .title: "Harbour at dawn", .body: "We took the ferry; no sunset tonight.", .picture: "sunset",
        ])
        #expect(coverage.all == 1)
        #expect(coverage.naming == 1.0 / 3)
        let partial = Self.match("harbour ferry sunset").coverage(of: [.body: "The harbourmaster's ferry."])
        // "harbourmaster" is another word; picture text never counts.
        #expect(partial.all == 1.0 / 3)
        #expect(partial.naming == 0)
    }

    @Test func caseDiacriticsAndPunctuationDoNotMatter() {
        let match = Self.match("cafe naive")
        let coverage = match.coverage(of: [.title: "CAFÉ", .body: "a Naïve—and kind—soul"])
        #expect(coverage.all == 1)
        #expect(coverage.naming == 0.5)
        #expect(Self.match("Café").coverage(of: [.body: "the cafe-bar"]).all == 1)
        #expect(Self.match("θάλασσα").coverage(of: [.body: "Η ΘΆΛΑΣΣΑ, ήρεμη"]).all == 1)
    }

    @Test func phraseNeedsTheWordsTogetherInTypedOrderInOneField() {
        let match = Self.match("red dress")
        #expect(match.coverage(of: [.body: "She wore a Red, dress."]).phrase)
        #expect(match.coverage(of: [.body: "A naïve red dress."]).phrase)
        #expect(!match.coverage(of: [.body: "A dress, red."]).phrase)
        #expect(!match.coverage(of: [.body: "A red hat and a dress."]).phrase)
        #expect(!match.coverage(of: [.title: "Red", .body: "dress"]).phrase)
        #expect(!Self.match("dress").coverage(of: [.body: "dress"]).phrase)
        #expect(Self.match("über straße").coverage(of: [.body: "Die Über Straße"]).phrase)
    }

    @Test func lettersOfAnyScriptAndDigitsMakeOneWord() {
        #expect(Self.match("mp4").coverage(of: [.body: "file.mp4"]).all == 1)
        #expect(Self.match("naive").coverage(of: [.body: "naïveté"]).all == 0)
        #expect(Self.match("x").coverage(of: [.body: "x²"]).all == 0)
        #expect(Self.match("emoji").coverage(of: [.body: "emoji🙂here"]).all == 1)
    }

    @Test func cjkRunsAreFoundAsSubstrings() {
        let coverage = Self.match("夏日海滩").coverage(of: [.title: "我们去了夏日海滩"])
        #expect(coverage.all == 1)
        #expect(coverage.naming == 1)
        #expect(coverage.phrase)
        #expect(Self.match("beach 海滩").coverage(of: [.body: "Beach day: 海滩很美"]).all == 1)
    }

    @Test func shareOfAPassage() {
        let match = Self.match("waves beach dawn")
        #expect(match.share(in: "Waves on the beach") == 2.0 / 3)
        #expect(match.share(in: "Gulls over the harbour") == 0)
    }
}
