/// Everything an extractor learned from one file.
///
/// `metadata` is free-form but stable: keys are snake_case, values JSON, so `mlib
/// show` and the JSON export can carry it as it is. `segments` is the evidence that
/// search indexes.
public struct Extraction: Sendable, Hashable {
    public var kind: ItemKind
    /// The MIME type libmagic gave the content, such as `image/jpeg`.
    public var mime: String
    /// A human title: a heading, a caption title or a container title tag.
    public var title: String?
    /// Playing time in seconds, for videos.
    public var duration: Double?
    public var metadata: [String: JSONValue]
    public var segments: [SegmentDraft]
    /// A small JPEG of the picture (for a video, of a representative frame), stored
    /// beside the library, never in it.
    public var thumbnail: [UInt8]?

    public init(
        kind: ItemKind, mime: String, title: String? = nil, duration: Double? = nil,
        metadata: [String: JSONValue] = [:], segments: [SegmentDraft] = []
    ) {
        self.kind = kind
        self.mime = mime
        self.title = title
        self.duration = duration
        self.metadata = metadata
        self.segments = segments
    }
}
