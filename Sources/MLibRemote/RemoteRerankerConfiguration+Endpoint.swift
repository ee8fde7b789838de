import Foundation

extension RemoteRerankerConfiguration {
    /// Where requests are posted: `url` as is when it already names a rerank endpoint,
    /// otherwise `url` + `/v1/rerank` (or + `/rerank` when `url` already ends in `/v1`).
    var endpoint: URL {
        var path = url.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/rerank") { return url }
        let base = path.hasSuffix("/v1") ? url : url.appendingPathComponent("v1")
        return base.appendingPathComponent("rerank")
    }
}
