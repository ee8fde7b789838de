public import MLibCore

/// An item recall found, with what each channel said of it, on its way to a hit.
public struct Candidate: Sendable, Hashable {
    public var itemID: Int64
    /// By channel name: the channel's match.
    public var matches: [String: ChannelMatch]
    /// By channel name: the item's 0-based rank in that channel.
    public var ranks: [String: Int]
    /// The ranking stage's score.
    public var score: Double
    /// Where fusion put it (0-based) and its fusion score, kept when the rerank reorders.
    public var recallRank: Int = 0
    public var recallScore: Double = 0
    /// What the rerank saw and concluded; nil when recall order is kept.
    public var features: RerankFeatures?
    public var explanation: RerankExplanation?
    /// For a video: the stretch the rerank found best, and its frames closest to the query.
    public var moment: Moment?
    public var topFrames: [FrameMatch] = []
    /// The passage closest to the query by meaning, when the rerank scored every passage.
    public var bestPassage: SegmentMatch?

    public init(itemID: Int64, matches: [String: ChannelMatch] = [:], ranks: [String: Int] = [:], score: Double = 0) {
        self.itemID = itemID
        self.matches = matches
        self.ranks = ranks
        self.score = score
    }

    /// The best (lowest) rank in any channel.
    public var bestRank: Int { ranks.values.min() ?? .max }
}
