import Foundation
import MLibCore

extension SearchHit {
    /// The hit as the result object of `Schema/search-results.schema.json`.
    ///
    /// `path` is always a string (invalid UTF-8 repaired with U+FFFD); when the repair
    /// changed something, `path_base64` carries the exact bytes so a script can still
    /// open the file.
    var jsonNode: JSONNode {
        var members: [String: JSONNode] = [
            "rank": .integer(Int64(rank)),
            // A non-finite score would break the schema's "number"; it can only come
            // from a ranking bug, and 0 keeps the document usable.
            "score": score.isFinite ? JSONNode.rounded(score, places: 4) : .number(0),
            "id": .integer(itemID),
            "path": .string(path.string),
            "kind": .string(kind.rawValue),
            "mime": .string(mime),
            "title": title.map(JSONNode.string) ?? .null,
            "snippet": snippet.map(JSONNode.string) ?? .null,
            "duration": duration.map { JSONNode.rounded($0, places: 3) } ?? .null,
            "metadata": .object(metadata.mapValues(JSONNode.init)),
            "moments": .array(
                moments.filter { $0.start.isFinite && $0.end.isFinite }.map { moment in
                    .object([
                        "start": JSONNode.rounded(moment.start, places: 3),
                        "end": JSONNode.rounded(moment.end, places: 3),
                        "text": moment.text.map(JSONNode.string) ?? .null,
                    ])
                }
            ),
            "channels": .object(channels.mapValues { $0.isFinite ? JSONNode.rounded($0, places: 4) : .number(0) }),
            "evidence": .array(
                evidence.map { item in
                    var members: [String: JSONNode] = [
                        "source": .string(item.source.rawValue),
                        "field": .string(item.field.rawValue),
                        "text": .string(item.text),
                        "score": item.score.isFinite ? JSONNode.rounded(item.score, places: 4) : .number(0),
                        "start": item.start.flatMap { $0.isFinite ? JSONNode.rounded($0, places: 3) : nil } ?? .null,
                        "end": item.end.flatMap { $0.isFinite ? JSONNode.rounded($0, places: 3) : nil } ?? .null,
                    ]
                    if let channel = item.channel { members["channel"] = .string(channel) }
                    return .object(members)
                }
            ),
        ]
        if !path.isValidUTF8 {
            members["path_base64"] = .string(Data(path.bytes).base64EncodedString())
        }
        return .object(members)
    }
}
