import Foundation
import MLibRemote
import MLibTestSupport
import Testing

@Suite struct FailureTests {
    static let documents: [RemoteDocument] = [.text("sunset at sea"), .text("a cat"), .text("sea")]

    /// Quick retries, so failing servers do not slow the suite.
    static func configuration(_ url: URL, token: String? = nil, timeout: TimeInterval = 10, retries: Int = 2)
        -> RemoteRerankerConfiguration
    {
        RemoteRerankerConfiguration(url: url, token: token, timeout: timeout, retries: retries, backoff: 0.01)
    }

    /// Runs a rerank that must fail and returns its error.
    static func failure(_ configuration: RemoteRerankerConfiguration) throws -> RemoteRerankError {
        try #require(throws: RemoteRerankError.self) {
            try RemoteReranker(configuration).rerank(query: "sunset sea", documents: documents)
        }
    }

    @Test(arguments: [nil, "wrong"] as [String?])
    func missingOrWrongTokenIsUnauthorizedAndNamesTheVariable(token: String?) throws {
        try FakeRerankServer.with(["--token", "s3cret"]) { server in
            let error = try Self.failure(Self.configuration(server.url(), token: token))
            #expect(error.reason == .unauthorized)
            #expect(error.message.contains("MLIB_RERANKER_TOKEN"))
            #expect(error.message.contains(server.url("/v1/rerank").absoluteString))
            #expect(try server.requests().count == 1, "a refused token is not retried")
        }
    }

    @Test func twoServerErrorsThenSuccessTakesThreeRequests() throws {
        try FakeRerankServer.with(["--fail-first", "2"]) { server in
            let scores = try RemoteReranker(Self.configuration(server.url())).rerank(
                query: "sunset sea", documents: Self.documents)
            #expect(scores == [1.0, 0.0, 0.5])
            #expect(try server.requests().count == 3)
        }
    }

    @Test func serverErrorsBeyondTheRetriesReportStatusAndBodyOnOneLine() throws {
        try FakeRerankServer.with(["--fail-first", "10"]) { server in
            let error = try Self.failure(Self.configuration(server.url()))
            #expect(error.reason == .http(500))
            #expect(error.message.contains("HTTP 500"))
            #expect(error.message.contains("simulated failure 3 of 10"))
            #expect(!error.message.contains("\n"))
            #expect(error.message.utf8.count < 500, "the server's 800-byte body is cut short")
            #expect(try server.requests().count == 3)
        }
    }

    @Test func tooManyRequestsIsRetried() throws {
        try FakeRerankServer.with(["--fail-first", "1", "--fail-status", "429", "--retry-after", "0"]) { server in
            let scores = try RemoteReranker(Self.configuration(server.url())).rerank(
                query: "sunset sea", documents: Self.documents)
            #expect(scores == [1.0, 0.0, 0.5])
            #expect(try server.requests().count == 2)
        }
    }

    @Test func otherClientErrorsAreNotRetried() throws {
        try FakeRerankServer.with(["--fail-first", "10", "--fail-status", "422"]) { server in
            let error = try Self.failure(Self.configuration(server.url()))
            #expect(error.reason == .http(422))
            #expect(try server.requests().count == 1)
        }
    }

    @Test func slowServerTimesOutAfterRetrying() throws {
        try FakeRerankServer.with(["--delay", "5"]) { server in
            let error = try Self.failure(Self.configuration(server.url(), timeout: 1, retries: 1))
            #expect(error.reason == .timeout)
            #expect(error.message.contains(server.url("/v1/rerank").absoluteString))
            #expect(try server.requests().count == 2, "a timed-out attempt is retried")
        }
    }

    @Test(arguments: [0.5, 0.51, 0.485])
    func scoresAllNearOneHalfAreUninformative(constant: Double) throws {
        try FakeRerankServer.with(["--constant", String(constant)]) { server in
            let error = try Self.failure(Self.configuration(server.url()))
            #expect(error.reason == .uninformative)
            #expect(error.message.contains("0.5"))
        }
    }

    @Test func oneHalfIsAnAnswerWhenItIsTheOnlyScore() throws {
        try FakeRerankServer.with(["--constant", "0.5"]) { server in
            let scores = try RemoteReranker(Self.configuration(server.url())).rerank(
                query: "sunset", documents: [.text("sunset")])
            #expect(scores == [0.5])
        }
    }

    @Test func scoresSpreadBeyondTheBandAreUsed() throws {
        try FakeRerankServer.with(["--constant", "0.53"]) { server in
            let scores = try RemoteReranker(Self.configuration(server.url())).rerank(
                query: "sunset sea", documents: Self.documents)
            #expect(scores == [0.53, 0.53, 0.53])
        }
    }

    @Test(arguments: ["json", "index-out-of-range", "index-duplicate", "no-score"])
    func unusableAnswersAreMalformed(fault: String) throws {
        try FakeRerankServer.with(["--fault", fault]) { server in
            let error = try Self.failure(Self.configuration(server.url()))
            #expect(error.reason == .malformedAnswer)
            #expect(error.message.contains(server.url("/v1/rerank").absoluteString))
            #expect(try server.requests().count == 1, "a bad answer is not retried")
        }
    }

    @Test func closedPortIsUnreachable() throws {
        let server = try FakeRerankServer([])
        let url = server.url()
        server.stop()
        let error = try Self.failure(Self.configuration(url, retries: 1))
        #expect(error.reason == .unreachable)
        #expect(error.message.contains(url.absoluteString))
    }
}
