public import MLibCore

extension RerankResponse {
    /// The answer as `mlib rerank` prints it:
    ///
    /// ```json
    /// {"instruction": "…", "scores": [0.9132, 0.0121],
    ///  "results": [{"index": 0, "score": 0.9132, "evidence": {"kind": "video",
    ///    "components": [{"name": "coverage", "value": 1, "contribution": 4.6137}, …],
    ///    "moment": {"start": 3, "end": 6, "text": "…"}, "top_frames": [{"time": 3, "similarity": 0.31}]}},
    ///   {"index": 1, "score": 0, "problem": "/m/b.mp4: no such file"}]}
    /// ```
    ///
    /// Numbers are rounded to 4 decimals; `instruction` only when the request had one.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "scores": .array(scores.map { .number(Self.rounded($0)) }),
            "results": .array(results.map(Self.json)),
        ]
        if let instruction { object["instruction"] = .string(instruction) }
        return .object(object)
    }

    private static func json(_ result: Result) -> JSONValue {
        var object: [String: JSONValue] = ["index": .number(Double(result.index)), "score": .number(rounded(result.score))]
        if let problem = result.problem {
            object["problem"] = .string(problem)
            return .object(object)
        }
        var evidence: [String: JSONValue] = [
            "components": .array(result.components.map { component in
                [
                    "name": .string(component.name), "value": .number(rounded(component.value)),
                    "contribution": .number(rounded(component.contribution)),
                ]
            })
        ]
        if let kind = result.kind { evidence["kind"] = .string(kind.rawValue) }
        if let moment = result.moment {
            var span: [String: JSONValue] = ["start": .number(rounded(moment.start)), "end": .number(rounded(moment.end))]
            if let text = moment.text { span["text"] = .string(text) }
            evidence["moment"] = .object(span)
        }
        if !result.topFrames.isEmpty {
            evidence["top_frames"] = .array(result.topFrames.map { ["time": .number(rounded($0.time)), "similarity": .number(rounded($0.similarity))] })
        }
        object["evidence"] = .object(evidence)
        return .object(object)
    }

    static func rounded(_ value: Double) -> Double {
        value.isFinite ? (value * 10_000).rounded() / 10_000 : 0
    }
}
