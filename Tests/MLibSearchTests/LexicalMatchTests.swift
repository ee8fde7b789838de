import MLibCore
@testable import MLibSearch
import Testing

/// How the rerank reads an item's own text for the query's words: the `coverage`,
/// `title_coverage` and `phrase` features.
@Suite struct LexicalMatchTests {
    static func match(_ query: String) -> LexicalMatch {
        LexicalMatch(QueryAnalyzer.analyze(query))
    }

    @Test func coverageCountsWordsInAnyFieldAndNamingCoverageOnlyTitleKeywordsAndName() {
        let match = Self.match("harbour ferry dawn lighthouse")
        let spread = match.coverage(of: [.body: "The ferry left the harbour", .subtitle: "at dawn", .ocr: "HARBOUR"])
        #expect(spread.all == 0.75)
        #expect(spread.naming == 0, "body, subtitles and text in pictures do not name the item")

        let named = match.coverage(of: [.title: "Harbour", .keywords: "ferry", .name: "dawn", .body: "a lighthouse"])
        #expect(named.all == 1)
        #expect(named.naming == 0.75)
    }

    @Test func aWordFoundInSeveralFieldsCountsOnce() {
        let coverage = Self.match("harbour ferry").coverage(of: [.title: "Harbour", .body: "harbour harbour", .ocr: "harbour"])
        #expect(coverage.all == 0.5)
        #expect(coverage.naming == 0.5)
    }

    @Test func aPhraseIsTheWordsTogetherInOrderInOneField() {
        let match = Self.match("red dress")
        #expect(match.coverage(of: [.body: "She wore a red dress to the party."]).phrase)
        #expect(match.coverage(of: [.title: "Notes", .body: "a RED, dress"]).phrase, "punctuation between words is no gap")
        #expect(!match.coverage(of: [.body: "The dress was red."]).phrase, "out of order")
        #expect(!match.coverage(of: [.body: "a red summer dress"]).phrase, "another word between")
        #expect(!match.coverage(of: [.title: "Red", .body: "a dress"]).phrase, "in two fields")
        #expect(match.coverage(of: [.title: "Red", .body: "a dress"]).all == 1)
        #expect(!Self.match("dress").coverage(of: [.body: "a red dress"]).phrase, "one word is no phrase")
    }

    @Test func caseAndDiacriticsAreFoldedBothWays() {
        let accented = Self.match("Café Crème")
        let plainText = accented.coverage(of: [.title: "CAFE creme"])
        #expect(plainText.all == 1 && plainText.naming == 1 && plainText.phrase)

        let plain = Self.match("cafe creme")
        let accentedText = plain.coverage(of: [.body: "Un café crème, s'il vous plaît"])
        #expect(accentedText.all == 1 && accentedText.phrase)
        #expect(plain.share(in: "CAFÉ") == 0.5)
    }

    @Test func cjkRunsMatchAsSubstrings() {
        let match = Self.match("海滩")
        let inBody = match.coverage(of: [.body: "我们去了夏日海滩。"])
        #expect(inBody.all == 1)
        #expect(inBody.naming == 0)
        #expect(inBody.phrase, "a run found whole is the phrase")
        #expect(match.coverage(of: [.title: "夏日海滩"]).naming == 1)
        #expect(match.coverage(of: [.body: "海边的沙滩"]).all == 0, "its characters apart are no match")
        #expect(match.share(in: "海滩很美") == 1)

        let mixed = Self.match("harbour 海滩")
        #expect(mixed.coverage(of: [.body: "海滩"]).all == 0.5)
        #expect(mixed.coverage(of: [.body: "harbour 海滩"]).all == 1)
    }

    @Test func thePictureFieldIsNotText() {
        // A picture segment's text is empty or the marker `uniform`; it holds no words.
        let match = Self.match("uniform")
        let coverage = match.coverage(of: [.picture: "uniform"])
        #expect(coverage.all == 0 && coverage.naming == 0 && !coverage.phrase)
        #expect(match.coverage(of: [.picture: "uniform", .body: "a school uniform"]).all == 1)
    }

    @Test func shareCountsAPassagesWordsOnce() {
        let match = Self.match("waves beach dawn gulls")
        #expect(match.share(in: "Waves on the beach at dawn") == 0.75)
        #expect(match.share(in: "waves waves waves") == 0.25)
        #expect(match.share(in: "") == 0)
        #expect(Self.match("").share(in: "anything") == 0)
        #expect(Self.match("").coverage(of: [.body: "anything"]).all == 0)
    }
}
