import Foundation
import MLibCore
import MLibEngine
import MLibTestSupport
import Testing

/// `Engine.rerank` on texts a caller brings: scores in the documents' order, the
/// relevant one first, unreadable files answered with a problem, and the library's
/// vectors reused.
@Suite(.serialized) struct RerankTests {
    static let ferry = "The ferry left the harbour at dawn, its horn sounding across the water."
    static let bread = "Feed the sourdough starter twice a day and bake the loaf in a hot oven."
    static let garden = "Plant the tomato seedlings out after the last frost and water them every evening."

    /// Reranks `documents` against `query` without a library, with the models in `fixture`.
    static func rerank(
        _ query: RerankRequest.Query, _ documents: [RerankRequest.Document], fixture: EngineFixture, cache: RerankCache = RerankCache()
    ) throws -> RerankResponse {
        try Engine.rerank(RerankRequest(query: query, documents: documents), modelsFolder: fixture.models, cache: cache)
    }

    @Test func scoresFollowTheDocumentsOrderAndTheRelevantTextWins() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let documents = [Self.bread, Self.ferry, Self.garden].map { RerankRequest.Document(text: $0) }
        let answer = try Self.rerank(.init(text: "the ferry leaving the harbour"), documents, fixture: fixture)
        #expect(answer.results.map(\.index) == [0, 1, 2])
        #expect(answer.scores.allSatisfy { (0...1).contains($0) })
        #expect(answer.scores[1] > answer.scores[0] && answer.scores[1] > answer.scores[2], "\(answer.scores)")
        let meaning = try #require(answer.results[1].components.first { $0.name == "meaning" })
        #expect(meaning.value > 0 && meaning.contribution > 0, "the sentence model judged its meaning")
        #expect(answer.warnings.isEmpty, "\(answer.warnings)")

        let reversed = try Self.rerank(.init(text: "the ferry leaving the harbour"), documents.reversed(), fixture: fixture)
        #expect(reversed.scores == answer.scores.reversed(), "a document's score does not depend on where it stands")
    }

    @Test func aParaphraseIsFoundByMeaningWithoutSharingWords() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let documents = [Self.bread, Self.ferry, Self.garden].map { RerankRequest.Document(text: $0) }
        let answer = try Self.rerank(.init(text: "boat departing from port"), documents, fixture: fixture)
        #expect(answer.results[1].components.first { $0.name == "coverage" }?.value == 0)
        #expect(answer.scores[1] == answer.scores.max(), "\(answer.scores)")
    }

    @Test func anEmptyQueryOrNoDocumentsAnswersNoScores() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let documents = [RerankRequest.Document(text: Self.ferry)]
        for query in [RerankRequest.Query(), RerankRequest.Query(text: "  \n ")] {
            let answer = try Self.rerank(query, documents, fixture: fixture)
            #expect(answer.scores.isEmpty)
            #expect(answer.json["scores"] == .array([]))
        }
        #expect(try Self.rerank(.init(text: "ferry"), [], fixture: fixture).scores.isEmpty)
    }

    @Test func anUnreadableDocumentScoresZeroWithAProblemAndTheOthersStillAnswer() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let documents = [
            RerankRequest.Document(text: Self.ferry),
            RerankRequest.Document(image: RawPath(fixture.folder.path("no-such-picture.jpg"))),
            RerankRequest.Document(image: RawPath(Fixtures.path("pictures/empty.jpg"))),
            RerankRequest.Document(),
            RerankRequest.Document(text: Self.bread),
        ]
        let answer = try Self.rerank(.init(text: "ferry in the harbour"), documents, fixture: fixture)
        #expect(answer.results.count == 5)
        for index in [1, 2, 3] {
            #expect(answer.results[index].problem != nil && answer.results[index].score == 0, "\(answer.results[index])")
        }
        #expect(answer.results[1].problem?.contains("no-such-picture.jpg") == true, "the problem names the file")
        #expect(answer.results[0].problem == nil && answer.results[4].problem == nil)
        #expect(answer.scores[0] > answer.scores[4])
        #expect(answer.json["results"]?.arrayValue?[1]["problem"]?.stringValue != nil)
    }

    @Test func relativePathsAreTakenFromTheRequestsFolderAndTheInstructionIsEchoed() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        let json = #"""
            {"instruction": "Retrieve notes relevant to the query.", "query": {"text": "ferry harbour"},
             "documents": [{"image": "notes/tides.md"}, {"text": "a loaf of bread"}, {"video": "~/tides.md"}], "fps": 2, "max_frames": 8}
            """#
        let request = try RerankRequest(json: Data(json.utf8), folder: fixture.folder.path)
        #expect(request.documents[0].image == RawPath(fixture.folder.path("notes/tides.md")))
        #expect(request.documents[2].video == RawPath(fixture.folder.path("~/tides.md")), "~ is a folder name like any other")
        #expect(request.fps == 2 && request.maxFrames == 8)
        let answer = try Engine.rerank(request, modelsFolder: fixture.models, cache: RerankCache())
        #expect(answer.results[0].problem == nil && answer.results[0].kind == .text, "typed by content, not by the key it came under")
        #expect(answer.scores[0] > answer.scores[1])
        #expect(answer.results[2].problem != nil)
        #expect(answer.json["instruction"] == .string("Retrieve notes relevant to the query."))

        for bad in [#"{"query": "x", "documents": {"text": "y"}}"#, #"{"documents": [{"image": 3}]}"#, #"{"fps": 50}"#, "[1, 2]", "{"] {
            #expect(throws: EngineError.self, "\(bad)") { try RerankRequest(json: Data(bad.utf8), folder: "/") }
        }
    }

    @Test func theLibrarysVectorsAreReusedAndNewOnesRememberedThere() throws {
        let fixture = try EngineFixture()
        defer { fixture.remove() }
        try fixture.index()
        // tides.md's title, which the indexer embedded: its vector is in the library by the text's hash.
        let indexed = "Tide tables for the harbour"
        let request = RerankRequest(query: .init(text: "when does the ferry sail"), documents: [.init(text: indexed)])
        let first = try fixture.engine(.readOnly).rerank(request)
        #expect(first.embedded == 1 && first.reused == 1, "only the query is embedded: \(first.embedded) embedded, \(first.reused) reused")
        let again = try fixture.engine(.readOnly).rerank(request, cache: RerankCache())
        #expect(again.embedded == 0 && again.reused == 2, "the query's vector was remembered in the library")
        #expect(again.scores == first.scores)
    }
}
