import Foundation
import MLibRemote
import MLibTestSupport
import Testing

/// The fake server scores a text by the share of the query's distinct words it holds, and
/// answers best first, so each answer comes back out of input order.
@Suite struct AnswerShapeTests {
    static let query = "red dress cafe window"
    static let documents: [RemoteDocument] = [
        .text("a red dress by the cafe window"),  // 4 of 4 words
        .text("blue sea"),  // 0 of 4
        .text("red window"),  // 2 of 4
        .text("cafe"),  // 1 of 4
    ]

    @Test(arguments: ["results", "score", "data", "tei"])
    func everyAnswerShapeMapsBackByIndex(shape: String) throws {
        try FakeRerankServer.with(["--shape", shape]) { server in
            let scores = try RemoteReranker(.init(url: server.url())).rerank(query: Self.query, documents: Self.documents)
            #expect(scores == [1.0, 0.0, 0.5, 0.25])
        }
    }

    @Test func topNLeavesTheDocumentsLeftOutNil() throws {
        try FakeRerankServer.with { server in
            let reranker = RemoteReranker(.init(url: server.url()))
            let scores = try reranker.rerank(query: Self.query, documents: Self.documents, topN: 2)
            #expect(scores == [1.0, nil, 0.5, nil])
            #expect(try server.requests().map(\.body.topN) == [2])
        }
    }

    @Test func withoutTopNEveryDocumentIsAskedFor() throws {
        try FakeRerankServer.with { server in
            let scores = try RemoteReranker(.init(url: server.url())).rerank(
                query: Self.query, documents: Self.documents, topN: 99)
            #expect(scores.allSatisfy { $0 != nil })
            _ = try RemoteReranker(.init(url: server.url())).rerank(query: Self.query, documents: Self.documents)
            #expect(try server.requests().map(\.body.topN) == [4, 4])
        }
    }

    @Test func logitsComeBackAsTheServerGaveThem() throws {
        try FakeRerankServer.with(["--logits"]) { server in
            let scores = try RemoteReranker(.init(url: server.url())).rerank(query: Self.query, documents: Self.documents)
            #expect(scores == [5.0, -5.0, 0.0, -2.5])
        }
    }

    @Test func noDocumentsAskNothingOfTheServer() throws {
        try FakeRerankServer.with { server throws in
            #expect(try RemoteReranker(.init(url: server.url())).rerank(query: Self.query, documents: []) == [])
            #expect(try server.requests().isEmpty)
        }
    }
}
