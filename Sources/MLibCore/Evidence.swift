/// Why an item is a hit: one passage that matched, how, and how well.
public struct Evidence: Sendable, Hashable {
    /// How the passage was found.
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        /// The query's words are in it (full-text index).
        case keyword
        /// Its meaning is close to the query's (sentence vectors).
        case semantic
    }

    public var source: Source
    public var field: EvidenceField
    /// The passage, with matched words marked for keyword evidence.
    public var text: String
    /// bm25 relevance for keyword evidence; cosine similarity for semantic evidence.
    public var score: Double
    /// For timed passages (subtitle cues): where in the video, in seconds.
    public var start: Double?
    public var end: Double?
    /// The recall channel that found it (`words`, `text:MODEL`), when known.
    public var channel: String?

    public init(
        source: Source, field: EvidenceField, text: String, score: Double, start: Double? = nil, end: Double? = nil,
        channel: String? = nil
    ) {
        self.source = source
        self.field = field
        self.text = text
        self.score = score
        self.start = start
        self.end = end
        self.channel = channel
    }
}
