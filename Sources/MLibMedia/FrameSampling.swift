/// What sampling a video did: how many frames, how they were found, and whether it
/// stopped before the end.
public struct FrameSampling: Sendable, Hashable {
    /// How the frames were found.
    public enum Method: String, Sendable, Hashable {
        /// Only keyframes were decoded: keyframes come at least every two sample
        /// intervals, so each sample is the first keyframe at or after its target.
        case keyframes
        /// Keyframes are too far apart: the groups of pictures holding a target were
        /// decoded whole, so each sample is the first frame at or after its target.
        case frames
        /// Some stretches one way, some the other (keyframe spacing varies).
        case mixed
    }

    /// Frames handed to the caller.
    public var frames: Int
    /// The video stream's playing time in seconds, when the file says.
    public var duration: Double?
    /// Seconds between sample targets: `1/fps`, or longer when the frame budget
    /// spreads samples over a long video.
    public var interval: Double
    public var method: Method
    /// Frames the decoder produced, taken or not: the work sampling cost.
    public var decodedFrames: Int
    /// Times the reader jumped ahead instead of reading through.
    public var seeks: Int
    /// Why sampling stopped before the end of the video, when it did (a damaged or
    /// cut-short file, the time limit, the frame budget); nil when it read it all.
    public var partial: String?

    public init(
        frames: Int, duration: Double?, interval: Double, method: Method, decodedFrames: Int, seeks: Int,
        partial: String?
    ) {
        self.frames = frames
        self.duration = duration
        self.interval = interval
        self.method = method
        self.decodedFrames = decodedFrames
        self.seeks = seeks
        self.partial = partial
    }
}
