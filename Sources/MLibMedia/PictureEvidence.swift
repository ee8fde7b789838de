public import MLibCore

/// What mlib saw in the pixels of one image or video: picture, colour and text
/// segments, a few metadata entries, and a thumbnail to store beside the library.
public struct PictureEvidence: Sendable {
    public var segments: [SegmentDraft] = []
    public var metadata: [String: JSONValue] = [:]
    /// A small JPEG of the picture (for a video, of a representative frame).
    public var thumbnail: [UInt8]?

    public init() {}
}
