public import MLibCore

/// One frame a `FrameSampler` took from a video.
public struct SampledFrame: Sendable, Hashable {
    /// Its place among the frames taken from this video: 0, 1, 2, …
    public var index: Int
    /// When it is shown, in seconds from the start of the video stream: the frame's
    /// own timestamp, not its number divided by a frame rate.
    public var time: Double
    /// The sample time it answers: the frame is the first (key)frame at or after it.
    public var target: Double
    /// Whether it is a keyframe.
    public var isKeyframe: Bool
    /// The picture, turned as the video's display matrix says and scaled down so its
    /// shorter side is at most the sampler's `maximumShortSide`.
    public var image: RGBImage

    public init(index: Int, time: Double, target: Double, isKeyframe: Bool, image: RGBImage) {
        self.index = index
        self.time = time
        self.target = target
        self.isKeyframe = isKeyframe
        self.image = image
    }
}
