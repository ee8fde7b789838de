public import MLibCore

/// An item whose pictures (the image, or sampled frames of a video) still need
/// vectors from a picture model.
public struct PictureTarget: Sendable, Hashable {
    public var itemID: Int64
    public var path: RawPath
    public var kind: ItemKind
    /// Hex SHA-256 of the file's content: with a frame's time, the key of its vector.
    public var contentHash: String
    /// Frames per second the video was sampled at when it was read (item metadata
    /// `frame_rate_sampled`), so the same frames are found again; nil for images.
    public var frameRate: Double?
    /// The picture segments without a vector, in time order.
    public var pictures: [Picture]

    /// One picture segment: an image (no time) or a frame at `time` seconds.
    public struct Picture: Sendable, Hashable {
        public var segmentID: Int64
        public var time: Double?

        public init(segmentID: Int64, time: Double?) {
            self.segmentID = segmentID
            self.time = time
        }
    }

    public init(itemID: Int64, path: RawPath, kind: ItemKind, contentHash: String, frameRate: Double?, pictures: [Picture]) {
        self.itemID = itemID
        self.path = path
        self.kind = kind
        self.contentHash = contentHash
        self.frameRate = frameRate
        self.pictures = pictures
    }
}
