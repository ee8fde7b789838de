public import MLibStore

/// One way of finding candidates for a query: words by bm25, or the vectors of one
/// model (one embedding space), each with its own floor below which it reports nothing.
///
/// Channels run inside the search's read transaction and return items best first.
public protocol RecallChannel: Sendable {
    /// The channel's name in results: `words`, or `text:MODEL` for a vector channel.
    var name: String { get }
    /// Up to `depth` items for `query`, best first.
    func recall(_ query: RecallQuery, depth: Int, reader: LibraryReader) throws -> [ChannelMatch]
}

/// An item a channel found, with its raw score and the segments that found it.
public struct ChannelMatch: Sendable, Hashable {
    public var itemID: Int64
    /// The channel's own score: bm25 for words, cosine similarity for vectors.
    public var score: Double
    /// The best segments of the item for this channel, best first (vector channels;
    /// the word channel's evidence is cut from the item's text when hits are made).
    public var segments: [SegmentMatch]
    /// How sure the channel itself is, 0...1: 1 for an item holding the words; for a
    /// vector channel, how far the similarity stands above the channel's floor.
    public var strength: Double

    public init(itemID: Int64, score: Double, segments: [SegmentMatch] = [], strength: Double = 1) {
        self.itemID = itemID
        self.score = score
        self.segments = segments
        self.strength = strength
    }
}

/// One segment (one embedded window of it) that matched, and how well.
public struct SegmentMatch: Sendable, Hashable {
    public var segmentID: Int64
    public var window: Int
    public var score: Double

    public init(segmentID: Int64, window: Int, score: Double) {
        self.segmentID = segmentID
        self.window = window
        self.score = score
    }
}
