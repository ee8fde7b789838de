/// An item recall found, with what each channel said of it, on its way to a hit.
public struct Candidate: Sendable, Hashable {
    public var itemID: Int64
    /// By channel name: the channel's match.
    public var matches: [String: ChannelMatch]
    /// By channel name: the item's 0-based rank in that channel.
    public var ranks: [String: Int]
    /// The ranking stage's score.
    public var score: Double

    public init(itemID: Int64, matches: [String: ChannelMatch] = [:], ranks: [String: Int] = [:], score: Double = 0) {
        self.itemID = itemID
        self.matches = matches
        self.ranks = ranks
        self.score = score
    }

    /// The best (lowest) rank in any channel.
    public var bestRank: Int { ranks.values.min() ?? .max }
}
