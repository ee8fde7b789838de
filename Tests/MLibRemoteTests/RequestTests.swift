import Foundation
import MLibRemote
import MLibTestSupport
import Testing

@Suite struct RequestTests {
    @Test func textRequestCarriesModelQueryAndPlainStrings() throws {
        try FakeRerankServer.with { server in
            let configuration = RemoteRerankerConfiguration(url: server.url(), model: "Qwen/Qwen3-VL-Reranker-2B")
            _ = try RemoteReranker(configuration).rerank(query: "sunset", documents: [.text("sunset at sea"), .text("a cat")])
            let request = try #require(try server.requests().first)
            #expect(request.path == "/v1/rerank")
            #expect(request.contentType == "application/json")
            #expect(request.authorization == nil)
            #expect(request.body.model == "Qwen/Qwen3-VL-Reranker-2B")
            #expect(request.body.query == "sunset")
            #expect(request.body.documents == [.plain("sunset at sea"), .plain("a cat")])
            #expect(request.body.returnDocuments == false)
        }
    }

    @Test func modelIsLeftOutWhenNotSet() throws {
        try FakeRerankServer.with { server in
            _ = try RemoteReranker(.init(url: server.url())).rerank(query: "sunset", documents: [.text("sunset")])
            let request = try #require(try server.requests().first)
            #expect(!request.body.keys.contains("model"))
        }
    }

    /// Bytes of these lengths score (length mod 97) / 97 on the fake server, which decodes them.
    @Test func imagesArriveAsJPEGDataURLsWithTheirBytes() throws {
        var generator = SystemRandomNumberGenerator()
        let small = Data((0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let large = Data((0..<3000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try FakeRerankServer.with { server in
            let scores = try RemoteReranker(.init(url: server.url())).rerank(
                query: "beach", documents: [.image(jpeg: small), .text("a beach"), .image(jpeg: large)])
            #expect(scores == [Double(1000 % 97) / 97, 1.0, Double(3000 % 97) / 97])

            let request = try #require(try server.requests().first)
            #expect(request.body.documents.count == 3)
            #expect(request.body.documents[1] == .text("a beach"))
            for (sent, bytes) in [(request.body.documents[0], small), (request.body.documents[2], large)] {
                guard case .image(let url) = sent else {
                    Issue.record("expected an image document, got \(sent)")
                    continue
                }
                let prefix = "data:image/jpeg;base64,"
                #expect(url.hasPrefix(prefix))
                #expect(Data(base64Encoded: String(url.dropFirst(prefix.count))) == bytes)
            }
        }
    }

    @Test func bearerTokenIsSent() throws {
        try FakeRerankServer.with(["--token", "s3cret"]) { server in
            let scores = try RemoteReranker(.init(url: server.url(), token: "s3cret")).rerank(
                query: "sunset", documents: [.text("sunset"), .text("cat")])
            #expect(scores == [1.0, 0.0])
            #expect(try server.requests().map(\.authorization) == ["Bearer s3cret"])
        }
    }

    /// A base URL gets `/v1/rerank`; a URL that already names the endpoint is used as is.
    @Test(arguments: [
        ("", "/v1/rerank"),
        ("/", "/v1/rerank"),
        ("/v1", "/v1/rerank"),
        ("/v1/rerank", "/v1/rerank"),
        ("/proxy/reranker", "/proxy/reranker/v1/rerank"),
        ("/custom/rerank", "/custom/rerank"),
    ])
    func urlVariantsPostToTheRerankPath(given: String, posted: String) throws {
        try FakeRerankServer.with { server in
            let scores = try RemoteReranker(.init(url: server.url(given))).rerank(
                query: "sunset", documents: [.text("sunset"), .text("cat")])
            #expect(scores == [1.0, 0.0])
            #expect(try server.requests().map(\.path) == [posted])
        }
    }
}
