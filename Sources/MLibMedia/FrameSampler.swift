public import MLibCore

/// Takes frames from a video at a steady rate, for picture models, colours and OCR.
///
/// Samples are due at 0, 1/`fps`, 2/`fps`, … seconds from the start of the video
/// stream; each is answered by the first decoded frame whose own timestamp is at or
/// after it, and targets that frame already passed are skipped. Times are the frames'
/// best-effort timestamps, so variable frame rates come out right.
///
/// Speed comes from decoding little. Where keyframes come at least every two sample
/// intervals, only keyframes are decoded, and a sample is the first keyframe at or after
/// its target (a 1 fps pass over video with 2-second groups of pictures decodes one frame
/// in 50). Where they are further apart, the groups of pictures that hold a target are
/// decoded whole and the others skipped; with an index, long stretches without a target
/// are jumped over with a seek. `FrameSampling.method` says which happened.
///
/// A long video gets at most `frameBudget` frames: the interval becomes
/// `max(1/fps, duration / frameBudget)`, which spreads them evenly over the whole video
/// (a two-hour film at the defaults: one frame every 4 s). When the duration is unknown
/// sampling stops at the budget instead.
///
/// Damage never hangs it: a file that cannot be opened throws a `MediaError`; one that
/// breaks off, or takes longer than `timeLimit`, ends with the frames found so far and
/// a reason in `FrameSampling.partial`.
///
/// ```swift
/// let summary = try FrameSampler(fps: 1).sample(path) { frame in
///     print(frame.time, frame.image.width, frame.image.height)
/// }
/// ```
public struct FrameSampler: Sendable {
    /// The sampling rates accepted; others are clamped into this range.
    public static let fpsRange: ClosedRange<Double> = 0.1...5

    /// Sample targets per second of video.
    public var fps: Double
    /// The most frames taken from one video.
    public var frameBudget: Int
    /// Frames are scaled down so their shorter side is at most this; never scaled up.
    public var maximumShortSide: Int
    /// How long one video may take, wall time, before sampling stops with what it has.
    public var timeLimit: Duration
    /// Decoder threads: 0 lets FFmpeg choose (one per core, plus one).
    public var threads: Int

    public init(
        fps: Double = 1.0, frameBudget: Int = 1800, maximumShortSide: Int = 720, timeLimit: Duration = .seconds(600),
        threads: Int = 0
    ) {
        self.fps = fps.isFinite ? min(max(fps, Self.fpsRange.lowerBound), Self.fpsRange.upperBound) : 1
        self.frameBudget = max(1, frameBudget)
        self.maximumShortSide = max(1, maximumShortSide)
        self.timeLimit = timeLimit
        self.threads = max(0, threads)
    }

    /// Opens the video at `path` and returns its frames one at a time.
    ///
    /// ```swift
    /// var frames = try FrameSampler().frames(path)
    /// while let frame = try frames.next() { try embed(frame.image) }
    /// let summary = frames.summary
    /// ```
    ///
    /// Throws `.empty`, `.truncated` or `.corrupt` for files FFmpeg cannot open as a
    /// video, `.unsupported` when there is no video stream or no decoder for it, and
    /// `.vanished`, `.unreadable`, `.notRegularFile` or `.io` when the file cannot be read.
    public func frames(_ path: RawPath) throws(MediaError) -> SampledFrames {
        try SampledFrames(path: path, sampler: self)
    }

    /// Calls `body` with each sampled frame of the video at `path`, in time order, and
    /// returns what sampling did; frames are not kept. Throws as `frames(_:)` does, and
    /// when the video yields no frame at all because it is damaged.
    ///
    /// To stop early, or to let errors of your own leave the loop, use `frames(_:)`.
    public func sample(_ path: RawPath, _ body: (SampledFrame) -> Void) throws(MediaError) -> FrameSampling {
        var frames = try frames(path)
        while let frame = try frames.next() {
            body(frame)
        }
        return frames.summary
    }
}
