public import MLibCore

/// A segment whose text still needs a vector from the current model.
public struct EmbeddingTarget: Sendable, Hashable {
    public var segmentID: Int64
    public var itemID: Int64
    public var field: EvidenceField
    public var text: String
    public var start: Double?

    public init(segmentID: Int64, itemID: Int64, field: EvidenceField, text: String, start: Double?) {
        self.segmentID = segmentID
        self.itemID = itemID
        self.field = field
        self.text = text
        self.start = start
    }
}

/// One window of one segment, pointing at the vector of its text.
public struct SegmentVector: Sendable, Hashable {
    public var segmentID: Int64
    /// The segment's whole text when the vector was made: the vector is stored only
    /// if the segment still holds it (a file re-indexed meanwhile may have reused the id).
    public var segmentText: String
    public var window: Int
    /// SHA-256 of the window's text: the key of its vector in the cache.
    public var contentHash: [UInt8]

    public init(segmentID: Int64, segmentText: String, window: Int, contentHash: [UInt8]) {
        self.segmentID = segmentID
        self.segmentText = segmentText
        self.window = window
        self.contentHash = contentHash
    }
}
