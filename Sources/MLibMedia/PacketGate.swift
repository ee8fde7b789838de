/// Decides which of a video stream's packets the decoder needs, a group of pictures
/// (a keyframe and the packets up to the next) at a time.
///
/// A group is held until the next keyframe shows how long it lasts. A group no longer
/// than twice the sample interval only needs its keyframe: its samples are "the first
/// keyframe at or after the target", which is what makes sampling fast. A longer group
/// is decoded whole when one of its frames can reach the next target, so its samples are
/// "the first frame at or after the target"; otherwise it is skipped unread by the
/// decoder. A group too large to hold is decoded as it comes.
///
/// The gate works on timestamps only, ahead of the decoder; whatever it lets through,
/// the frames themselves decide what is emitted.
struct PacketGate {
    /// What to do with the packets held so far.
    enum Verdict: Equatable {
        /// Decode them all.
        case decodeAll
        /// Decode the keyframe that opens them; drop the rest.
        case decodeKeyframe
        /// Drop them.
        case skip
    }

    /// What to do with the packet just offered.
    enum Handling: Equatable {
        case hold, decode, drop
    }

    /// Groups larger than this are decoded as they come instead of held.
    static let heldPacketLimit = 1000
    static let heldByteLimit = 48 << 20
    /// How many packets may come before the first keyframe before the gate gives up
    /// waiting for one and lets everything through.
    static let keyframeWait = 300

    let schedule: SampleSchedule
    /// The next target no packet let through has reached yet.
    private(set) var target: Double = 0
    /// Groups judged by the keyframe rule, and by the whole-group rule, whether they
    /// were decoded or skipped.
    private(set) var keyframeGroups = 0
    private(set) var wholeGroups = 0
    /// The average length of the groups seen, in seconds, when known.
    var averageGroupLength: Double? { measuredGroups > 0 ? measuredLength / Double(measuredGroups) : nil }

    private var group: Group?
    private var packetsBeforeKeyframe = 0
    private var passThrough = false
    private var measuredGroups = 0
    private var measuredLength = 0.0

    private struct Group {
        var keyTime: Double?
        /// The latest time of its packets: the last frame it shows.
        var latestTime: Double?
        var packets = 1
        var bytes: Int
        /// Too large to hold: its packets go straight to the decoder.
        var streaming = false
    }

    init(schedule: SampleSchedule) {
        self.schedule = schedule
    }

    /// A packet of the video stream arrives, with its time in seconds (nil when it has
    /// none): the verdict on the packets held before it, if their fate is now known, and
    /// what to do with this one.
    mutating func offer(keyframe: Bool, time: Double?, bytes: Int) -> (held: Verdict?, packet: Handling) {
        if passThrough { return (nil, .decode) }
        if keyframe {
            let verdict = close(nextKeyTime: time)
            group = Group(keyTime: time, latestTime: time, bytes: bytes)
            return (verdict, .hold)
        }
        guard var open = group else {
            packetsBeforeKeyframe += 1
            if packetsBeforeKeyframe > Self.keyframeWait {
                passThrough = true  // a stream that marks no keyframes: decode it all
                return (nil, .decode)
            }
            return (nil, .drop)  // nothing to decode it from
        }
        open.packets += 1
        open.bytes += bytes
        if let time { open.latestTime = max(open.latestTime ?? time, time) }
        if open.streaming {
            group = open
            return (nil, .decode)
        }
        if open.packets > Self.heldPacketLimit || open.bytes > Self.heldByteLimit {
            open.streaming = true
            group = open
            wholeGroups += 1
            return (.decodeAll, .decode)
        }
        group = open
        return (nil, .hold)
    }

    /// The stream ended: the verdict on the packets still held.
    mutating func end() -> Verdict? {
        let verdict = close(nextKeyTime: nil)
        group = nil
        return verdict
    }

    /// Forgets the group being held (after a seek); its packets are dropped.
    mutating func reset() {
        group = nil
    }

    private mutating func close(nextKeyTime: Double?) -> Verdict? {
        guard let open = group else { return nil }
        var length: Double?
        if let key = open.keyTime, let end = nextKeyTime ?? open.latestTime, end >= key {
            length = end - key
            measuredGroups += 1
            measuredLength += end - key
        }
        if open.streaming {
            if let latest = open.latestTime { target = max(target, schedule.target(after: latest)) }
            return nil
        }
        if let key = open.keyTime, let length, length <= 2 * schedule.interval {
            keyframeGroups += 1
            guard schedule.reaches(key, target) else { return .skip }
            target = schedule.target(after: key)
            return .decodeKeyframe
        }
        wholeGroups += 1
        if let latest = open.latestTime {
            guard schedule.reaches(latest, target) else { return .skip }
            target = schedule.target(after: latest)
        }
        return .decodeAll
    }
}
