public import Foundation

/// How to reach a served reranker.
///
/// `url` is either the server's base (`http://gpu-box:8000`, posted to `…/v1/rerank`; an
/// OpenAI-style base ending in `/v1` gets only `/rerank`) or the rerank endpoint itself
/// (anything ending in `/rerank`, posted to as is).
public struct RemoteRerankerConfiguration: Sendable, Hashable {
    public var url: URL
    /// The served model's name, sent as `model`; left out when nil (single-model servers).
    public var model: String?
    /// A bearer token; the CLI reads it from `MLIB_RERANKER_TOKEN`.
    public var token: String?
    /// Seconds one attempt may take, from sending to the last byte of the answer.
    public var timeout: TimeInterval
    /// Further attempts after connection errors, timeouts, 429 and 5xx; never after other 4xx.
    public var retries: Int
    /// Seconds before the first retry, doubled for each one after; a `Retry-After`
    /// header (in seconds) replaces it, up to 5 s.
    public var backoff: TimeInterval

    public init(
        url: URL, model: String? = nil, token: String? = nil, timeout: TimeInterval = 10, retries: Int = 2,
        backoff: TimeInterval = 0.25
    ) {
        self.url = url
        self.model = model
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
    }
}
