import Foundation
import MLibCore

/// Reads a rerank answer into scores by input index.
///
/// Accepts `{"results": [{"index", "relevance_score"}]}` (Jina, Cohere, vLLM), the same with
/// `score`, `{"data": […]}`, and TEI's bare array; entries may come in any order and be
/// fewer than the documents.
enum RerankAnswer {
    /// Why an answer could not be read; the text completes "the answer …".
    struct Unreadable: Error {
        var problem: String
    }

    static func scores(from body: Data, documentCount: Int) throws(Unreadable) -> [Double?] {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: String(decoding: body, as: UTF8.self))
        } catch {
            throw Unreadable(problem: "is not JSON (\(error))")
        }
        guard let entries = document.arrayValue ?? document["results"]?.arrayValue ?? document["data"]?.arrayValue
        else {
            throw Unreadable(problem: "has no \"results\" list")
        }
        var scores = [Double?](repeating: nil, count: documentCount)
        for entry in entries {
            guard let index = entry["index"]?.numberValue, index.rounded() == index else {
                throw Unreadable(problem: "has a result without a whole-number \"index\"")
            }
            guard index >= 0, index < Double(documentCount) else {
                let shown = abs(index) < 1e15 ? String(Int(index)) : String(index)
                throw Unreadable(problem: "names document \(shown) of the \(documentCount) sent (indexes start at 0)")
            }
            guard let score = (entry["relevance_score"] ?? entry["score"])?.numberValue else {
                throw Unreadable(problem: "has a result without a numeric \"relevance_score\" or \"score\"")
            }
            guard scores[Int(index)] == nil else {
                throw Unreadable(problem: "scores document \(Int(index)) twice")
            }
            scores[Int(index)] = score
        }
        if documentCount > 0, entries.isEmpty {
            throw Unreadable(problem: "scores none of the documents")
        }
        return scores
    }
}
