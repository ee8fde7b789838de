/// Reciprocal rank fusion over the channels that ran, each rank weighed by how sure
/// its channel is.
///
/// With one channel the order and the score are that channel's own (bm25, or cosine
/// similarity). With several, rank r in a channel adds strength / (60 + r + 1) (the
/// channel's own 0...1 confidence: 1 for a word match, less for a weak similarity), and
/// the score shown is that sum divided by its largest possible value (a sure first in
/// every channel that ran): 1.0 means every channel put the item first and was sure of
/// it; a weak match by meaning alone scores near 0. The channels' raw scores stay on
/// each hit.
///
/// Equal sums go to the item more channels found, then to the one the words found (an
/// exact word match never loses a tie to a match by meaning alone), then to the better
/// single rank, then to the lower id.
public struct FusionRanking: RankingStage {
    /// Reciprocal rank fusion's damping constant.
    public static let constant = 60.0

    public init() {}

    public func rank(_ candidates: [Candidate], channels: [String], query: RecallQuery) -> [Candidate] {
        if channels.count == 1, let channel = channels.first {
            return candidates.map { candidate in
                var scored = candidate
                scored.score = candidate.matches[channel]?.score ?? 0
                return scored
            }.sorted { left, right in
                if left.score != right.score { return left.score > right.score }
                if left.bestRank != right.bestRank { return left.bestRank < right.bestRank }
                return left.itemID < right.itemID
            }
        }
        let best = Double(max(channels.count, 1)) / (Self.constant + 1)
        let fused = candidates.map { candidate in
            var scored = candidate
            var sum = 0.0
            for (channel, rank) in candidate.ranks {
                sum += (candidate.matches[channel]?.strength ?? 1) / (Self.constant + Double(rank + 1))
            }
            scored.score = sum / best
            return scored
        }
        return fused.sorted { left, right in
            if left.score != right.score { return left.score > right.score }
            if left.matches.count != right.matches.count { return left.matches.count > right.matches.count }
            let leftWords = left.matches["words"] != nil
            if leftWords != (right.matches["words"] != nil) { return leftWords }
            if left.bestRank != right.bestRank { return left.bestRank < right.bestRank }
            return left.itemID < right.itemID
        }
    }
}
