import Foundation
import MLibCore
@testable import MLibEngine
import MLibRemote
import MLibSearch
import MLibStore
import MLibTestSupport
import Testing

/// A served reranker judging the best hits of a real search, played by
/// `Tests/Fixtures/rerank-server.py`: its order and scores when it answers, mlib's own
/// results and one warning when it cannot.
@Suite(.serialized) struct EngineRemoteRerankTests {
    static let query = "ferry waiting for the flood tide at the harbour"

    static func options(_ server: FakeRerankServer, token: String? = nil, depth: Int = 3) -> RemoteRerankOptions {
        RemoteRerankOptions(configuration: RemoteRerankerConfiguration(url: server.url(), token: token, timeout: 5, backoff: 0.01), depth: depth)
    }

    /// The fake server's reading of a text document: the share of the query's distinct words in it.
    static func share(of query: String, in text: String) -> Double {
        let wanted = words(query)
        return Double(wanted.intersection(words(text)).count) / Double(wanted.count)
    }

    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
    }

    static func indexedFixture() throws -> EngineFixture {
        let fixture = try EngineFixture()
        // Holds every word of the query but is about none of it: the fake server, which
        // counts words, ranks it first; mlib's own rerank, which also reads meaning, does not.
        try fixture.write("spelling.md", "Spelling test\n\nwaiting, flood, harbour, tide, ferry, for, the, at; zebra, violin, quartz, pencil")
        try fixture.index()
        return fixture
    }

    @Test func theTopHitsComeBackInTheServersOrderWithItsScores() throws {
        let fixture = try Self.indexedFixture()
        defer { fixture.remove() }
        let engine = try fixture.engine(.readOnly)
        let options = SearchOptions(limit: 10)
        let local = try engine.search(Self.query, options: options).results
        #expect(local.hits.count > 2, "hits below the served reranker's depth")
        try FakeRerankServer.with { server in
            let outcome = try engine.search(Self.query, options: options, remote: Self.options(server, depth: 2))
            #expect(outcome.warnings.isEmpty)
            let results = outcome.results
            #expect(results.ranking == "remote")

            let request = try #require(try server.requests().first)
            #expect(request.body.query == Self.query)
            #expect(request.body.documents.count == 2, "the depth asked for")
            // Documents go in mlib's order; the server scores each by its words.
            let expected: [(SearchHit, Double)] = zip(local.hits.prefix(2), request.body.documents).map { hit, document in
                (hit, Self.share(of: Self.query, in: document.text ?? ""))
            }
            let serverOrder = expected.sorted { $0.1 > $1.1 }
            try #require(serverOrder.map(\.0.itemID) != local.hits.prefix(2).map(\.itemID), "the server disagrees with mlib")
            #expect(results.hits.prefix(2).map(\.itemID) == serverOrder.map(\.0.itemID))
            #expect(results.hits.prefix(2).map(\.score) == serverOrder.map(\.1))
            #expect(results.hits.prefix(2).map { $0.explanation?.remoteScore } == serverOrder.map(\.1))
            #expect(results.hits.map(\.rank) == Array(1...results.hits.count))
            // The hits it did not judge keep their places and scores.
            #expect(results.hits.dropFirst(2).map(\.itemID) == local.hits.dropFirst(2).map(\.itemID))
            #expect(results.hits.dropFirst(2).map(\.score) == local.hits.dropFirst(2).map(\.score))
        }
    }

    @Test func theTokenGoesAsABearerToken() throws {
        let fixture = try Self.indexedFixture()
        defer { fixture.remove() }
        let engine = try fixture.engine(.readOnly)
        try FakeRerankServer.with(["--token", "s3cret"]) { server in
            let outcome = try engine.search(Self.query, options: SearchOptions(limit: 5), remote: Self.options(server, token: "s3cret"))
            #expect(outcome.warnings.isEmpty)
            #expect(outcome.results.ranking == "remote")
            #expect(try server.requests().map(\.authorization) == ["Bearer s3cret"])
        }
    }

    /// Each way a server can fail to judge: the results are mlib's own, with one warning
    /// line that says which server.
    @Test(arguments: [
        ["--fail-first", "100"],
        ["--constant", "0.5"],
        ["--fault", "json"],
        ["--fault", "index-out-of-range"],
        ["--token", "another"],
    ])
    func aServerThatCannotJudgeLeavesTheResultsAsTheyWereWithOneWarning(flags: [String]) throws {
        let fixture = try Self.indexedFixture()
        defer { fixture.remove() }
        let engine = try fixture.engine(.readOnly)
        let options = SearchOptions(limit: 10)
        let local = try engine.search(Self.query, options: options)
        try FakeRerankServer.with(flags) { server in
            let outcome = try engine.search(Self.query, options: options, remote: Self.options(server, token: "s3cret"))
            #expect(outcome.results.ranking == "rerank")
            #expect(outcome.results.hits == local.results.hits)
            #expect(outcome.warnings.count == 1, "\(outcome.warnings)")
            let warning = try #require(outcome.warnings.first)
            #expect(warning.contains(server.url().absoluteString), "\(warning)")
            #expect(!warning.contains("\n"))
            #expect(try !server.requests().isEmpty, "it was asked")
        }
    }

    @Test func aServerThatIsDownLeavesTheResultsAsTheyWereWithOneWarning() throws {
        let fixture = try Self.indexedFixture()
        defer { fixture.remove() }
        let engine = try fixture.engine(.readOnly)
        let options = SearchOptions(limit: 10)
        let local = try engine.search(Self.query, options: options)
        let server = try FakeRerankServer([])
        server.stop()
        let outcome = try engine.search(Self.query, options: options, remote: Self.options(server))
        #expect(outcome.results.ranking == "rerank")
        #expect(outcome.results.hits == local.results.hits)
        #expect(outcome.warnings.count == 1, "\(outcome.warnings)")
        #expect(outcome.warnings.first?.contains(server.url().absoluteString) == true, "\(outcome.warnings)")
    }

    @Test func logitsBecomeProbabilitiesThroughTheSigmoid() throws {
        let fixture = try Self.indexedFixture()
        defer { fixture.remove() }
        let engine = try fixture.engine(.readOnly)
        let local = try engine.search(Self.query, options: SearchOptions(limit: 10)).results
        try FakeRerankServer.with(["--logits"]) { server in
            let results = try engine.search(Self.query, options: SearchOptions(limit: 10), remote: Self.options(server, depth: 4)).results
            #expect(results.ranking == "remote")
            let request = try #require(try server.requests().first)
            var logits: [Int64: Double] = [:]
            for (hit, document) in zip(local.hits, request.body.documents) {
                logits[hit.itemID] = Self.share(of: Self.query, in: document.text ?? "") * 10 - 5
            }
            try #require(logits.values.contains { !(0...1).contains($0) }, "answers a probability could not be")
            for hit in results.hits.prefix(4) {
                let logit = try #require(logits[hit.itemID])
                #expect(hit.explanation?.remoteScore == logit)
                #expect(abs(hit.score - 1 / (1 + exp(-logit))) < 1e-12)
                #expect((0...1).contains(hit.score))
            }
            #expect(results.hits.prefix(4).map(\.score) == results.hits.prefix(4).map(\.score).sorted(by: >))
        }
    }

    @Test func picturesAreSentAsTheirThumbnails() throws {
        let fixture = try EnginePictureTests.picturesFixture(clip: false)
        defer { fixture.remove() }
        let engine = try fixture.engine()
        _ = try engine.index(roots: [RawPath(fixture.folder.path("notes"))])
        let query = "riverside blanket"
        let options = SearchOptions(mode: .keyword, limit: 10)
        let local = try engine.search(query, options: options).results
        try FakeRerankServer.with { server in
            let results = try engine.search(query, options: options, remote: Self.options(server, depth: 10)).results
            #expect(results.ranking == "remote")
            let request = try #require(try server.requests().first)
            #expect(request.body.documents.count == local.hits.count)
            var pictures = 0
            for (hit, document) in zip(local.hits, request.body.documents) where hit.kind != .text {
                let item = try #require(try engine.library.item(path: hit.path))
                let thumbnail = try Data(
                    contentsOf: URL(fileURLWithPath: engine.library.thumbnailPath(contentHash: try #require(item.contentHash))))
                let prefix = "data:image/jpeg;base64,"
                let url = try #require(document.image, "\(hit.path.fileName) was sent as text")
                #expect(url.hasPrefix(prefix))
                #expect(Data(base64Encoded: String(url.dropFirst(prefix.count))) == thumbnail)
                // The fake scores a picture by its byte count: the whole thumbnail arrived.
                let judged = try #require(results.hits.first { $0.itemID == hit.itemID })
                #expect(judged.explanation?.remoteScore == Double(thumbnail.count % 97) / 97)
                pictures += 1
            }
            #expect(pictures >= 1, "the poster is found by the text on it")
        }
    }
}
