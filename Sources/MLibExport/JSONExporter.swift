import Foundation
public import MLibCore

/// Writes search results as one pretty-printed JSON document for scripts.
///
/// The document follows `Schema/search-results.schema.json`:
///
/// ```json
/// {
///   "count": 1,
///   "generated_at": "2025-05-01T12:00:00Z",
///   "library": "/home/ana/.local/share/mlib/library.sqlite",
///   "mode": "keyword",
///   "query": "red dress",
///   "results": [ { "rank": 1, "score": 0.9312, "path": "/home/ana/a.jpg", ... } ]
/// }
/// ```
///
/// Object keys are sorted, so the same results always give the same bytes. Scores are
/// rounded to 4 decimals, durations and moment times to milliseconds. Snippets keep
/// the highlight markers `«` and `»` around matched words. A path that is not valid
/// UTF-8 is written repaired in `path` and exactly, base64-encoded, in `path_base64`.
public struct JSONExporter: Sendable {
    public init() {}

    /// The document as UTF-8 bytes, ending with a newline.
    public func render(_ results: SearchResults) -> [UInt8] {
        let document: JSONNode = .object([
            "query": .string(results.query),
            "library": .string(results.library),
            "generated_at": .string(Self.timestamp(results.generatedAt)),
            "mode": .string(results.mode),
            "ranking": .string(results.ranking),
            "hints": .array(results.hints.map(JSONNode.string)),
            "count": .integer(Int64(results.hits.count)),
            "results": .array(results.hits.map(\.jsonNode)),
        ])
        return document.serialized(pretty: true) + [UInt8(ascii: "\n")]
    }

    /// `date` as ISO 8601 in UTC to the second, such as `2025-05-01T12:00:00Z`.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(parts.tm_year + 1900)
        return "\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
