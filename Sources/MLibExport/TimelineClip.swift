import MLibCore

/// A video hit as an editor's timeline holds it: a stretch of the file in whole frames.
///
/// The stretch is the hit's best moment; with no usable moment (or when moments are
/// not wanted) it is the whole video. Times are rounded to the nearest frame and a
/// stretch lasts at least one frame, so a moment at a single instant still makes a cut.
/// Images, notes, and videos with neither a moment nor a known length cannot go on a
/// timeline.
struct TimelineClip {
    /// Frames per second used when a video's own rate is unknown.
    static let defaultFrameRate = 25.0

    var hit: SearchHit
    /// Frames per second the frame numbers below count in.
    var rate: Double
    /// The first frame of the stretch.
    var start: Int
    /// The stretch's length in frames, at least 1.
    var duration: Int
    /// The video's length in frames, when known.
    var available: Int?
    /// The moment the stretch comes from; nil when it is the whole video.
    var moment: Moment?

    /// The hit as a clip counted at `rate` frames per second (by default the video's
    /// own), or nil when it cannot go on a timeline.
    init?(_ hit: SearchHit, useMoments: Bool, rate: Double? = nil) {
        guard hit.kind == .video else { return nil }
        let rate = rate ?? Self.frameRate(of: hit)
        self.hit = hit
        self.rate = rate
        available = hit.duration.flatMap { Self.frames($0, rate: rate) }
        let usable = hit.moments.first.flatMap { moment in
            moment.start.isFinite && moment.end.isFinite && moment.start >= 0 && moment.end >= moment.start
                ? moment : nil
        }
        if useMoments, let usable, let first = Self.frames(usable.start, rate: rate),
            var last = Self.frames(usable.end, rate: rate)
        {
            if let available, last > available, available > first { last = available }
            moment = usable
            start = first
            duration = max(last - first, 1)
        } else if let available, available >= 1 {
            moment = nil
            start = 0
            duration = available
        } else {
            return nil
        }
    }

    /// The hit's frame rate from `metadata["frame_rate"]`, snapped to the standard rate
    /// it measures (an average of 29.969 is NTSC's 30000/1001), or `defaultFrameRate`.
    static func frameRate(of hit: SearchHit) -> Double {
        guard case .number(let measured) = hit.metadata["frame_rate"], measured.isFinite,
            measured >= 1, measured <= 1000
        else { return defaultFrameRate }
        let standards = [24.0, 25, 30, 48, 50, 60, 120].flatMap { [$0, $0 * 1000 / 1001] }
        return standards.first { abs($0 - measured) < $0 * 0.0002 } ?? measured
    }

    /// `seconds` as the nearest whole frame, nil when out of range.
    private static func frames(_ seconds: Double, rate: Double) -> Int? {
        let value = (seconds * rate).rounded()
        guard value.isFinite, value >= 0, value < Double(Int32.max) else { return nil }
        return Int(value)
    }
}
