import Foundation

/// The one-line messages, so every failure names the endpoint and says what to try.
extension RemoteRerankError {
    static func unreachable(_ endpoint: URL, detail: String, attempts: Int) -> Self {
        Self(
            .unreachable,
            message: "cannot reach the reranker at \(endpoint.absoluteString) (\(detail))\(tries(attempts)); "
                + "check that the server is running and the URL is right")
    }

    static func timeout(_ endpoint: URL, seconds: TimeInterval, attempts: Int) -> Self {
        Self(
            .timeout,
            message: "the reranker at \(endpoint.absoluteString) did not answer within \(shown(seconds)) s"
                + "\(tries(attempts)); check that the server is not overloaded or allow it more time")
    }

    static func http(_ endpoint: URL, reply: HTTPReply, attempts: Int) -> Self {
        Self(
            .http(reply.status),
            message: "the reranker at \(endpoint.absoluteString) answered HTTP \(reply.status)\(tries(attempts))"
                + excerpt(reply.body))
    }

    static func unauthorized(_ endpoint: URL, reply: HTTPReply, tokenSent: Bool) -> Self {
        let what =
            tokenSent
            ? "refused the token in MLIB_RERANKER_TOKEN (HTTP \(reply.status)); set it to a key the server accepts"
            : "wants a token (HTTP \(reply.status)); set MLIB_RERANKER_TOKEN to its API key"
        return Self(.unauthorized, message: "the reranker at \(endpoint.absoluteString) \(what)" + excerpt(reply.body))
    }

    static func malformed(_ endpoint: URL, problem: String, body: Data) -> Self {
        Self(
            .malformedAnswer,
            message: "the reranker at \(endpoint.absoluteString) gave an answer mlib cannot use: it \(problem)"
                + excerpt(body))
    }

    static func uninformative(_ endpoint: URL, scored: Int) -> Self {
        Self(
            .uninformative,
            message: "the reranker at \(endpoint.absoluteString) scored all \(scored) documents about 0.5, "
                + "which says nothing; check that the server applies the model's chat template")
    }

    private static func tries(_ attempts: Int) -> String {
        attempts > 1 ? " (\(attempts) attempts)" : ""
    }

    private static func shown(_ seconds: TimeInterval) -> String {
        seconds.rounded() == seconds && abs(seconds) < 1e9 ? String(Int(seconds)) : String(seconds)
    }

    /// `: ` and the start of the body on one line, or nothing when the body is empty.
    private static func excerpt(_ body: Data, limit: Int = 200) -> String {
        var text = String(decoding: body.prefix(limit), as: UTF8.self)
        if body.count > limit {
            // A cut through a multi-byte character decodes as U+FFFD; drop it.
            while text.hasSuffix("\u{FFFD}") { text.removeLast() }
            text += "…"
        }
        let oneLine = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return oneLine.isEmpty ? "" : ": " + oneLine
    }
}
