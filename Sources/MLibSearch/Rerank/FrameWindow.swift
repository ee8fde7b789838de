public import MLibCore

/// The best stretch of a video by its frames: each frame's similarity to the query,
/// smoothed over its neighbours in time so one lucky frame counts less than a run of
/// good ones, then the peak widened to the frames on either side that stay close to it.
public struct FrameWindow: Sendable, Hashable {
    public var start: Double
    public var end: Double
    /// The smoothed similarity at the peak.
    public var similarity: Double

    /// A frame's time span and raw similarity.
    public struct Frame: Sendable, Hashable {
        public var start: Double
        public var end: Double
        public var similarity: Double

        public init(start: Double, end: Double, similarity: Double) {
            self.start = start
            self.end = end
            self.similarity = similarity
        }
    }

    /// How far below the peak a neighbouring frame may fall and still belong to its window.
    static let tolerance = 0.02

    /// The best window of `frames` (any order), or nil when there are none.
    public static func best(of frames: [Frame]) -> FrameWindow? {
        let ordered = frames.sorted { $0.start < $1.start }
        guard !ordered.isEmpty else { return nil }
        // Weights 1-2-1 over a frame and its neighbours; the ends average what they have.
        let smoothed = ordered.indices.map { index -> Double in
            var sum = 2 * ordered[index].similarity
            var weight = 2.0
            if index > 0 { sum += ordered[index - 1].similarity; weight += 1 }
            if index + 1 < ordered.count { sum += ordered[index + 1].similarity; weight += 1 }
            return sum / weight
        }
        var peak = 0
        for index in smoothed.indices where smoothed[index] > smoothed[peak] { peak = index }
        // A frame belongs to the window by its own similarity too: smoothing pulls the
        // first and last frames of a good run down towards their poor neighbours.
        let floor = smoothed[peak] - tolerance
        func belongs(_ index: Int) -> Bool { max(smoothed[index], ordered[index].similarity) >= floor }
        var first = peak
        var last = peak
        while first > 0, belongs(first - 1) { first -= 1 }
        while last + 1 < ordered.count, belongs(last + 1) { last += 1 }
        return FrameWindow(start: ordered[first].start, end: max(ordered[last].end, ordered[last].start), similarity: smoothed[peak])
    }

    /// The `count` frames closest to the query, best first.
    public static func top(_ frames: [Frame], count: Int = 3) -> [FrameMatch] {
        frames.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.start < $1.start }
            .prefix(count).map { FrameMatch(time: $0.start, similarity: $0.similarity) }
    }
}
