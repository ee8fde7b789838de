/// Orders recall's candidates and scores them: fusion now; the three-modal rerank
/// takes this place later.
public protocol RankingStage: Sendable {
    /// The candidates best first, each with its score. `channels` lists the channels
    /// that ran, in order, whether or not they found anything.
    func rank(_ candidates: [Candidate], channels: [String], query: RecallQuery) -> [Candidate]
}
