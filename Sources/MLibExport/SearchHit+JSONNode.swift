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
        if let explanation {
            members["rerank"] = explanation.jsonNode
        }
        if !topFrames.isEmpty {
            members["top_frames"] = .array(
                topFrames.filter { $0.time.isFinite && $0.similarity.isFinite }.map {
                    .object(["time": JSONNode.rounded($0.time, places: 3), "similarity": JSONNode.rounded($0.similarity, places: 4)])
                })
        }
        if !path.isValidUTF8 {
            members["path_base64"] = .string(Data(path.bytes).base64EncodedString())
        }
        return .object(members)
    }
}

extension RerankExplanation {
    /// The `rerank` object of a result: the probability, the model, each weighed
    /// component, every feature's value, the judges' scores and recall's view.
    var jsonNode: JSONNode {
        func number(_ value: Double) -> JSONNode { value.isFinite ? JSONNode.rounded(value, places: 4) : .number(0) }
        var members: [String: JSONNode] = [
            "probability": number(probability),
            "model": .string(model),
            "bias": number(bias),
            "components": .array(
                components.map { .object(["name": .string($0.name), "value": number($0.value), "contribution": number($0.contribution)]) }),
            "features": .object(features.mapValues(number)),
            "recall_rank": .integer(Int64(recallRank)),
            "recall_score": number(recallScore),
        ]
        if let judgeScore { members["judge"] = number(judgeScore) }
        if let remoteScore { members["remote"] = number(remoteScore) }
        return .object(members)
    }
}
