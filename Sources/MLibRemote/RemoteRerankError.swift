/// Why a served reranker's judgement could not be used; `message` is one line a user can act on
/// (names the URL, the HTTP status and the first ~200 bytes of the body when useful).
public struct RemoteRerankError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// No connection could be made (refused, no such host, connection dropped).
        case unreachable
        /// An attempt took longer than the configured timeout.
        case timeout
        /// The server answered with this HTTP status (429, 5xx after the retries, other 4xx).
        case http(Int)
        /// The server answered 401 or 403: the token is missing or wrong.
        case unauthorized
        /// The answer is not JSON in one of the rerank shapes, or its indexes do not fit the request.
        case malformedAnswer
        /// Every score lies near 0.5: the server answers without judging (often a model
        /// served without its chat template).
        case uninformative
    }

    public var reason: Reason
    public var message: String
    public var description: String { message }

    public init(_ reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }
}
