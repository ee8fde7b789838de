import MLibCore
import MLibSearch
import MLibStore
import MLibTestSupport
import Testing

@Suite struct QuerySanitizingTests {
    static let hostile = [
        "", "   ", "\"", "\"\"", "\"red dress", "red AND dress", "red OR", "NOT red", "AND", "*", "red*", "re*d",
        "title:red", ":", "(red", "red)", "[red]", "{red}", "-red", "red -dress", "^red", "red^2", "NEAR(red dress)",
        "'; DROP TABLE items; --", "1=1 OR ''='", "red\" OR \"1", "😀", "🔴 dress 👗", "\u{0}", "\\", "%", "_",
        "a\nb", "ÀÉÎ", "red\u{200B}dress", "夏日 \"海滩\"", String(repeating: "(", count: 500),
    ]

    @Test(arguments: hostile)
    func hostileQueriesNeverFail(_ query: String) throws {
        let (engine, folder) = try SearchEngineTests.corpus()
        defer { folder.remove() }
        _ = try engine.search(query)
    }

    @Test func operatorsAreWordsOrIgnoredNeverSyntax() throws {
        let (engine, folder) = try SearchEngineTests.corpus()
        defer { folder.remove() }
        // Quotes and AND must not change what is found.
        let plain = try engine.search("red dress").hits.map(\.itemID)
        #expect(try engine.search("\"red\" AND \"dress\"").hits.map(\.itemID) == plain)
        #expect(try engine.search("red* (dress)").hits.map(\.itemID) == plain)
        #expect(try engine.search("").hits.isEmpty)
        #expect(try engine.search("*** ::: ---").hits.isEmpty)
    }

    @Test func analyzerKeepsOnlyLettersAndNumbers() {
        let analyzed = QueryAnalyzer.analyze("\"Red\" AND dress: NEAR(cafe*) 2024 海滩")
        #expect(analyzed.words == ["red", "dress", "cafe", "2024"])  // "and", "near": stop words
        #expect(analyzed.cjkRuns == ["海滩"])
        #expect(QueryAnalyzer.analyze("the and of").words == ["the", "and", "of"])
    }

    @Test func randomPunctuationStringsNeverFail() throws {
        let (engine, folder) = try SearchEngineTests.corpus()
        defer { folder.remove() }
        let alphabet = Array("\"'*():^-+{}[]<>,.;!?/\\|&%$#@~`=_ \tANDORNOTnear海滩é😀\u{0}")
        var generator = SeededGenerator(seed: 20261125)
        for _ in 0..<500 {
            let length = Int.random(in: 0...24, using: &generator)
            let query = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            _ = try engine.search(query)
        }
    }
}
