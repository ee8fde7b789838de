import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a server answered to one request.
struct HTTPReply: Sendable {
    var status: Int
    /// The `Retry-After` header, when there was one.
    var retryAfter: String?
    var body: Data
}

/// Why one request got no answer.
enum HTTPTransportFailure: Error, Sendable {
    case timedOut
    /// No connection, or it broke; the text is Foundation's explanation.
    case unreachable(String)
}

/// Sends one request and waits for the whole answer, for callers that are synchronous.
///
/// The wait ends at `timeout` and the task is cancelled then. Foundation's own request
/// timeout is only a backstop set past that: on Linux it truncates to whole seconds
/// (0.3 s becomes an instant failure) and counts only idle time.
enum BlockingHTTP {
    /// One session for every reranker: sessions are costly to make and must be
    /// invalidated to be freed, and nothing here is per-reranker state.
    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        return URLSession(configuration: configuration)
    }()

    static func send(_ request: URLRequest, timeout: TimeInterval) -> Result<HTTPReply, HTTPTransportFailure> {
        let timeout = timeout.isNaN ? 0 : min(max(timeout, 0), 86_400)
        var request = request
        request.timeoutInterval = timeout.rounded(.up) + 1
        let slot = ReplySlot()
        let finished = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            slot.fill(outcome(data: data, response: response, error: error))
            finished.signal()
        }
        task.resume()
        guard finished.wait(timeout: .now() + timeout) == .success, let outcome = slot.take() else {
            task.cancel()
            return .failure(.timedOut)
        }
        return outcome
    }

    private static func outcome(data: Data?, response: URLResponse?, error: (any Error)?) -> Result<
        HTTPReply, HTTPTransportFailure
    > {
        if let error {
            if let urlError = error as? URLError, urlError.code == .timedOut { return .failure(.timedOut) }
            return .failure(.unreachable(error.localizedDescription))
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(.unreachable("the answer was not HTTP"))
        }
        let retryAfter = http.value(forHTTPHeaderField: "Retry-After")
        return .success(HTTPReply(status: http.statusCode, retryAfter: retryAfter, body: data ?? Data()))
    }
}

/// Hands the completion handler's result to the waiting thread.
///
/// `@unchecked Sendable` because the lock serialises every access to `value`.
private final class ReplySlot: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<HTTPReply, HTTPTransportFailure>?

    func fill(_ outcome: Result<HTTPReply, HTTPTransportFailure>) {
        lock.withLock { value = outcome }
    }

    func take() -> Result<HTTPReply, HTTPTransportFailure>? {
        lock.withLock { value }
    }
}
