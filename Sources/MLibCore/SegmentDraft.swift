/// A piece of evidence an extractor found in a file, before it is stored.
///
/// Timed segments (subtitle cues, chapters, later video frames) carry `start` and
/// `end` in seconds from the start of the media.
public struct SegmentDraft: Sendable, Hashable, Codable {
    public var field: EvidenceField
    public var modality: Modality
    public var text: String
    public var start: Double?
    public var end: Double?

    public init(
        field: EvidenceField, text: String, modality: Modality = .text,
        start: Double? = nil, end: Double? = nil
    ) {
        self.field = field
        self.modality = modality
        self.text = text
        self.start = start
        self.end = end
    }
}
