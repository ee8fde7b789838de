public import MLibCore

/// Turns the frames sampled from a video into timed segments: one `picture` segment
/// per frame, and runs of frames that show the same colours or the same text joined
/// into one `colour` or `ocr` segment spanning them.
///
/// A caption burnt into a clip stays on screen for many frames; one segment from its
/// first frame to its last makes one moment, not a column of repeats.
public struct FrameTimeline: Sendable {
    /// Seconds between sampled frames: how long the last frame stands for.
    public let interval: Double
    /// The video's length, when known: no segment ends after it.
    public let duration: Double?

    private var pictures: [SegmentDraft] = []
    private var colours: [SegmentDraft] = []
    private var texts: [SegmentDraft] = []
    /// Words of the text run still open, to match the next frame's text against.
    private var openWords: Set<String> = []

    /// Share of words two frames' texts must have in common to count as the same text
    /// (OCR misreads a letter here and there from frame to frame).
    static let sameTextOverlap = 0.6

    public init(interval: Double, duration: Double?) {
        self.interval = interval
        self.duration = duration
    }

    /// Adds the frame at `time`, in time order. `uniform` marks a near-black or
    /// one-colour frame, kept on the timeline but left out by picture models.
    public mutating func add(time: Double, uniform: Bool, colours colourText: String, text: String?) {
        close(at: time)
        pictures.append(SegmentDraft(field: .picture, text: uniform ? "uniform" : "", modality: .frame, start: time, end: nil))
        if !colourText.isEmpty {
            if let last = colours.last, last.text == colourText, last.end == time {
                colours[colours.count - 1].end = nil
            } else {
                colours.append(SegmentDraft(field: .colour, text: colourText, start: time, end: nil))
            }
        }
        let words = Self.words(text ?? "")
        if !words.isEmpty {
            if let last = texts.last, last.end == time, Self.overlap(openWords, words) >= Self.sameTextOverlap {
                texts[texts.count - 1].end = nil
                // Keep the fullest reading of the run.
                if let text, text.count > last.text.count { texts[texts.count - 1].text = text }
                openWords.formUnion(words)
            } else {
                texts.append(SegmentDraft(field: .ocr, text: text ?? "", start: time, end: nil))
                openWords = words
            }
        }
    }

    /// The segments: pictures, then colour runs, then text runs, each in time order.
    public func segments() -> [SegmentDraft] {
        var timeline = self
        let last = pictures.last?.start ?? 0
        timeline.close(at: duration.map { max($0, last) } ?? last + interval)
        return timeline.pictures + timeline.colours + timeline.texts
    }

    /// Ends every open segment at `time` (where the next frame begins).
    private mutating func close(at time: Double) {
        let end = duration.map { min(time, max($0, pictures.last?.start ?? 0)) } ?? time
        for index in pictures.indices.reversed() where pictures[index].end == nil { pictures[index].end = end }
        for index in colours.indices.reversed() where colours[index].end == nil { colours[index].end = end }
        for index in texts.indices.reversed() where texts[index].end == nil { texts[index].end = end }
    }

    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    static func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
