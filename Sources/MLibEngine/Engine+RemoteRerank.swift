import Foundation
import MLibCore
public import MLibRemote
import MLibSearch

/// How to ask a served reranker to judge the best hits of a search.
public struct RemoteRerankOptions: Sendable, Hashable {
    public var configuration: RemoteRerankerConfiguration
    /// How many of the best hits it judges.
    public var depth: Int

    public init(configuration: RemoteRerankerConfiguration, depth: Int = 20) {
        self.configuration = configuration
        self.depth = max(1, depth)
    }
}

extension Engine {
    /// Sends the best hits to a served reranker and puts them in its order, with its
    /// scores; the hits below them keep their places. A server that cannot be reached,
    /// fails, or answers nothing usable leaves the results as they were, with one warning.
    ///
    /// Text hits go as their title and best passage; images and videos as their
    /// thumbnail (a video's is a frame about a tenth in), with their words when they have any.
    func judgeRemotely(_ results: SearchResults, query: String, options: RemoteRerankOptions, warnings: inout [String]) -> SearchResults {
        let top = Array(results.hits.prefix(options.depth))
        guard !top.isEmpty else { return results }
        let hashes = (try? library.contentHashes(itemIDs: top.map(\.itemID))) ?? [:]
        let documents = top.map { hit in RemoteDocumentMaker.document(for: hit, thumbnail: hashes[hit.itemID].map(library.thumbnailPath)) }
        let scores: [Double?]
        do {
            scores = try RemoteReranker(options.configuration).rerank(query: query, documents: documents, topN: top.count)
        } catch {
            warnings.append("served reranker: \(error); using mlib's own rerank")
            return results
        }
        var judged: [(hit: SearchHit, remote: Double)] = []
        var unjudged: [SearchHit] = []
        for (hit, score) in zip(top, scores) {
            if let score, score.isFinite { judged.append((hit, score)) } else { unjudged.append(hit) }
        }
        // Servers answer probabilities or raw logits; logits are read as log-odds.
        let asProbability = judged.allSatisfy { (0...1).contains($0.remote) }
        var reordered: [SearchHit] = judged.sorted { $0.remote > $1.remote }.map { entry in
            var hit = entry.hit
            hit.score = asProbability ? entry.remote : RerankModel.sigmoid(entry.remote)
            if hit.explanation == nil {
                hit.explanation = RerankExplanation(
                    model: "remote", bias: 0, components: [], probability: hit.score, recallRank: hit.rank, recallScore: entry.hit.score)
            }
            hit.explanation?.remoteScore = entry.remote
            return hit
        }
        reordered += unjudged + results.hits.dropFirst(top.count)
        var answered = results
        answered.hits = reordered.enumerated().map { index, hit in
            var ranked = hit
            ranked.rank = index + 1
            return ranked
        }
        answered.ranking = "remote"
        return answered
    }
}

/// What a served reranker is shown of a hit.
enum RemoteDocumentMaker {
    static func document(for hit: SearchHit, thumbnail: String?) -> RemoteDocument {
        if hit.kind != .text, let thumbnail, let jpeg = FileManager.default.contents(atPath: thumbnail) {
            return .image(jpeg: jpeg)
        }
        return .text(text(of: hit))
    }

    /// The title, then the passage or cue that matched (without highlight marks).
    static func text(of hit: SearchHit) -> String {
        var parts: [String] = []
        if let title = hit.title, !title.isEmpty { parts.append(title) }
        if let moment = hit.moments.first?.text, !moment.isEmpty { parts.append(moment) }
        if let snippet = hit.snippet, !snippet.isEmpty, snippet != hit.title { parts.append(snippet) }
        if parts.isEmpty { parts.append(hit.path.fileName) }
        return parts.joined(separator: "\n")
            .replacingOccurrences(of: SearchHit.highlightStart, with: "")
            .replacingOccurrences(of: SearchHit.highlightEnd, with: "")
    }
}
