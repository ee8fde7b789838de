import MLibCore
import MLibSearch
import MLibStore
import MLibTestSupport
import Testing

@Suite struct SearchEngineTests {
    /// A small library: notes, an image with a caption, a video with subtitle cues.
    static func corpus() throws -> (SearchEngine, TemporaryDirectory) {
        let (library, folder) = try LibraryFactory.make()
        try library.write([
            LibraryFactory.record(
                "/m/diary.md", title: "Trip diary",
                segments: [
                    .init(field: .title, text: "Trip diary"),
                    .init(field: .body, text: "We walked to the beach, then sat by the café window. She wore a red dress."),
                ], inode: 1),
            LibraryFactory.record(
                "/m/dress.jpg", kind: .image, title: "Red dress by the cafe window",
                segments: [
                    .init(field: .title, text: "Red dress by the cafe window"),
                    .init(field: .keywords, text: "fashion, street"),
                ], inode: 2),
            LibraryFactory.record(
                "/m/recipe.md", title: "Tomato soup",
                segments: [.init(field: .title, text: "Tomato soup"), .init(field: .body, text: "Red tomatoes, slowly.")],
                inode: 3),
            LibraryFactory.record(
                "/m/waves.mp4", kind: .video, title: "Morning", duration: 30,
                segments: [
                    .init(field: .title, text: "Morning"),
                    .init(field: .subtitle, text: "Gulls over the harbour", start: 1, end: 3),
                    .init(field: .subtitle, text: "Waves on the beach at dawn", start: 12.5, end: 15),
                ], inode: 4),
            LibraryFactory.record(
                "/m/shop.md", title: "Errands",
                segments: [.init(field: .title, text: "Errands"), .init(field: .body, text: "A red dress in the shop window.")],
                inode: 6),
            LibraryFactory.record(
                "/m/夏天.md", title: "夏天",
                segments: [.init(field: .body, text: "我们去了夏日海滩。\n海滩很美。")], inode: 5),
        ])
        return (SearchEngine(library: library), folder)
    }

    @Test func itemsWithEveryWordRankFirstAndTitlesOutweighBodies() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        let hits = try engine.search("red dress by cafe window").hits
        #expect(hits.prefix(2).map(\.path.string) == ["/m/dress.jpg", "/m/diary.md"])
        // All words but "cafe": a partial match, ranked after the full ones; the soup
        // holds only "red" and stays out.
        #expect(hits.map(\.path.string) == ["/m/dress.jpg", "/m/diary.md", "/m/shop.md"])
        #expect(hits.map(\.rank) == Array(1...hits.count))
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func allWordsLeavesPartialMatchesOut() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        let hits = try engine.search("red dress by cafe window", options: .init(requireAllWords: true)).hits
        #expect(hits.map(\.path.string) == ["/m/dress.jpg", "/m/diary.md"])
    }

    @Test func twoWordQueriesFallBackToEitherWordOnlyWhenNothingHoldsBoth() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        #expect(try engine.search("tomato soup").hits.map(\.path.string) == ["/m/recipe.md"])
        let either = try engine.search("soup harbour").hits.map(\.path.string)
        #expect(Set(either) == ["/m/recipe.md", "/m/waves.mp4"])
    }

    @Test func accentsDoNotMatter() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        let plain = try engine.search("cafe").hits.map(\.path.string)
        let accented = try engine.search("CAFÉ").hits.map(\.path.string)
        #expect(Set(plain) == ["/m/dress.jpg", "/m/diary.md"])
        #expect(plain == accented)
    }

    @Test func kindFilterKeepsOnlyThatKind() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        let hits = try engine.search("beach", options: .init(kind: .video)).hits
        #expect(hits.map(\.path.string) == ["/m/waves.mp4"])
    }

    @Test func videoHitsCarryTheMomentWhereTheWordsAre() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        let hit = try #require(try engine.search("beach dawn", options: .init(kind: .video)).hits.first)
        #expect(hit.moments.first == Moment(start: 12.5, end: 15, text: "Waves on the beach at dawn"))
        #expect(hit.duration == 30)
    }

    @Test func snippetsMarkTheMatchedWords() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        let hit = try #require(try engine.search("tomatoes").hits.first)
        #expect(hit.snippet?.contains("\(SearchHit.highlightStart)tomatoes\(SearchHit.highlightEnd)") == true)
    }

    @Test func chineseIsFoundWithoutSpacesForLongAndTwoCharacterWords() throws {
        let (engine, folder) = try Self.corpus()
        defer { folder.remove() }
        #expect(try engine.search("夏日海滩").hits.map(\.path.string) == ["/m/夏天.md"])
        #expect(try engine.search("海滩").hits.map(\.path.string) == ["/m/夏天.md"])
        #expect(try engine.search("海滩").hits.first?.snippet?.contains("\(SearchHit.highlightStart)海滩") == true)
        #expect(try engine.search("冬天").hits.isEmpty)
    }

    @Test func tiesAreOrderedTheSameWayEveryTime() throws {
        let (library, folder) = try LibraryFactory.make()
        defer { folder.remove() }
        try library.write((1...30).map { n in
            LibraryFactory.record("/same/\(n).md", segments: [.init(field: .body, text: "identical words here")], inode: UInt64(n))
        })
        let engine = SearchEngine(library: library)
        let first = try engine.search("identical words", options: .init(limit: 10)).hits.map(\.itemID)
        let second = try engine.search("identical words", options: .init(limit: 10)).hits.map(\.itemID)
        #expect(first.count == 10)
        #expect(first == second)
        #expect(first == first.sorted())
    }
}
