/// One item that answers a query, with what made it match.
public struct SearchHit: Sendable, Hashable {
    /// 1-based position in the results.
    public var rank: Int
    /// With the rerank: the probability, 0...1, that the item is what was asked for
    /// (calibrated on labelled queries, so 0.9 means about nine in ten such hits are
    /// right). Without it (`--no-rerank`): recall's fusion score, comparable within one
    /// list only.
    public var score: Double
    public var itemID: Int64
    public var path: RawPath
    public var kind: ItemKind
    public var mime: String
    public var title: String?
    /// Matched text with the query's words marked by `SearchHit.highlightStart` and
    /// `SearchHit.highlightEnd`.
    public var snippet: String?
    public var duration: Double?
    public var metadata: [String: JSONValue]
    /// For videos: where the evidence lies, best first.
    public var moments: [Moment]
    /// The passages that made this a hit, best first.
    public var evidence: [Evidence]
    /// Each recall channel that found the item, with its raw score (bm25 for `words`,
    /// cosine similarity for a vector channel such as `text:all-MiniLM-L6-v2`).
    public var channels: [String: Double]
    /// The rerank's reasons, component by component; nil when recall order was kept.
    public var explanation: RerankExplanation?
    /// For videos judged by a picture model: the frames closest to the query, best first.
    public var topFrames: [FrameMatch]

    /// Marks the start of a matched word in `snippet`.
    public static let highlightStart = "\u{AB}"  // «
    /// Marks the end of a matched word in `snippet`.
    public static let highlightEnd = "\u{BB}"  // »

    public init(
        rank: Int, score: Double, itemID: Int64, path: RawPath, kind: ItemKind, mime: String,
        title: String? = nil, snippet: String? = nil, duration: Double? = nil,
        metadata: [String: JSONValue] = [:], moments: [Moment] = [], evidence: [Evidence] = [],
        channels: [String: Double] = [:], explanation: RerankExplanation? = nil, topFrames: [FrameMatch] = []
    ) {
        self.rank = rank
        self.score = score
        self.itemID = itemID
        self.path = path
        self.kind = kind
        self.mime = mime
        self.title = title
        self.snippet = snippet
        self.duration = duration
        self.metadata = metadata
        self.moments = moments
        self.evidence = evidence
        self.channels = channels
        self.explanation = explanation
        self.topFrames = topFrames
    }
}
