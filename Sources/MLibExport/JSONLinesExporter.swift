public import MLibCore

/// Writes search results as JSON Lines: one compact JSON object per hit, one per line.
///
/// Each line is the result object of `JSONExporter` plus the `"query"` it answers, as
/// described by `Schema/search-result-line.schema.json`. Line breaks inside strings
/// are escaped by JSON, so every line is a complete object and `head`, `grep` or
/// `jq -c` can work line by line. No results give empty output.
public struct JSONLinesExporter: Sendable {
    public init() {}

    /// The lines as UTF-8 bytes, each ending with a newline.
    public func render(_ results: SearchResults) -> [UInt8] {
        var out: [UInt8] = []
        for hit in results.hits {
            guard case .object(var members) = hit.jsonNode else { continue }
            members["query"] = .string(results.query)
            out += JSONNode.object(members).serialized(pretty: false)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}
