import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A client for `/v1/rerank`.
///
/// Sends a query and candidate documents to a served reranker (Qwen3-VL-Reranker on vLLM,
/// Jina, Cohere, TEI) and returns its scores in the documents' order. Blocks the calling
/// thread for the whole exchange, retries included; call it off any thread that must stay
/// responsive.
///
/// ```swift
/// let reranker = RemoteReranker(.init(url: URL(string: "http://gpu-box:8000")!))
/// let scores = try reranker.rerank(query: "red dress", documents: [.text("a red dress"), .image(jpeg: frame)])
/// ```
public struct RemoteReranker: Sendable {
    let configuration: RemoteRerankerConfiguration

    public init(_ configuration: RemoteRerankerConfiguration) {
        self.configuration = configuration
    }

    /// Scores by input index (nil where the server left a document out), each as the server gave it.
    /// Throws `.uninformative` when every returned score lies within 0.02 of 0.5 (a server missing its
    /// chat template answers like that) and there are at least 2 of them.
    ///
    /// `topN` (clamped to 1…`documents.count`, all of them when nil) is passed on as `top_n`.
    /// Every failure is a `RemoteRerankError`.
    public func rerank(query: String, documents: [RemoteDocument], topN: Int? = nil) throws -> [Double?] {
        guard !documents.isEmpty else { return [] }
        let endpoint = configuration.endpoint
        let body = RerankRequestBody(
            model: configuration.model, query: query, documents: documents,
            topN: min(max(topN ?? documents.count, 1), documents.count))
        let reply = try exchange(request(to: endpoint, body: body), endpoint: endpoint)

        let scores: [Double?]
        do {
            scores = try RerankAnswer.scores(from: reply.body, documentCount: documents.count)
        } catch {
            throw RemoteRerankError.malformed(endpoint, problem: error.problem, body: reply.body)
        }
        let given = scores.compactMap { $0 }
        if given.count >= 2, given.allSatisfy({ abs($0 - 0.5) <= Self.uninformativeSpread }) {
            throw RemoteRerankError.uninformative(endpoint, scored: given.count)
        }
        return scores
    }

    /// How close to 0.5 every score must be for the answer to count as no judgement at all.
    static let uninformativeSpread = 0.02

    private func request(to endpoint: URL, body: RerankRequestBody) -> URLRequest {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token = configuration.token, !token.isEmpty {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        // Cannot fail: the body holds only strings and integers.
        request.httpBody = try! body.encoded()
        return request
    }

    /// Posts `request` until it gets a 2xx answer, retrying connection errors, timeouts,
    /// 429 and 5xx up to `configuration.retries` times.
    private func exchange(_ request: URLRequest, endpoint: URL) throws(RemoteRerankError) -> HTTPReply {
        let attempts = max(0, configuration.retries) + 1
        var attempt = 1
        while true {
            let retryAfter: String?
            switch BlockingHTTP.send(request, timeout: configuration.timeout) {
            case .success(let reply) where (200..<300).contains(reply.status):
                return reply
            case .success(let reply) where reply.status == 401 || reply.status == 403:
                let tokenSent = request.value(forHTTPHeaderField: "Authorization") != nil
                throw .unauthorized(endpoint, reply: reply, tokenSent: tokenSent)
            case .success(let reply) where reply.status == 429 || reply.status >= 500:
                guard attempt < attempts else { throw .http(endpoint, reply: reply, attempts: attempt) }
                retryAfter = reply.retryAfter
            case .success(let reply):
                throw .http(endpoint, reply: reply, attempts: attempt)
            case .failure(.timedOut):
                guard attempt < attempts else {
                    throw .timeout(endpoint, seconds: configuration.timeout, attempts: attempt)
                }
                retryAfter = nil
            case .failure(.unreachable(let detail)):
                guard attempt < attempts else { throw .unreachable(endpoint, detail: detail, attempts: attempt) }
                retryAfter = nil
            }
            Thread.sleep(forTimeInterval: configuration.delay(beforeRetry: attempt, retryAfter: retryAfter))
            attempt += 1
        }
    }
}
