public import MLibCore

/// Writes search results as a CMX 3600 edit decision list (`.edl`), for editors.
///
/// ```
/// TITLE: sunset beach
/// FCM: NON-DROP FRAME
///
/// 001  AX       V     C        00:00:12:15 00:00:20:00 01:00:00:00 01:00:07:15
/// * FROM CLIP NAME: beach sunset.mp4
/// * SOURCE FILE: /media/clips/beach sunset.mp4
/// ```
///
/// Each video hit, in rank order, is one cut event from reel `AX` (an auxiliary
/// source, which NLEs relink by the clip name) playing its best moment, or the whole
/// video when it has none or `useMoments` is off. Events are laid end to end on the
/// record side from `01:00:00:00`.
///
/// An EDL has one timebase: the first clip's frame rate rounded to a whole number
/// (30 for 29.97, 24 for 23.976; 25 when unknown), always non-drop frame. SMPTE
/// timecode knows only 24, 25, 30, 48, 50 and 60, so other rates take the smallest
/// of those their frames fill (15 → 30, 12 → 24), else the nearest. Clips whose rate
/// rounds to the timebase count their own frames (so 29.97 material is exact); others
/// are counted at the timebase. Names and paths stay on their comment line: control
/// characters are escaped (`\n`), bytes that are not UTF-8 shown as U+FFFD. Lines
/// end with CRLF, as CMX lists traditionally do. `EDLParser` reads the list back.
public struct EDLExporter: Sendable {
    /// Whether events play their best moment rather than the whole video.
    public var useMoments: Bool

    public init(useMoments: Bool = true) {
        self.useMoments = useMoments
    }

    /// An exporter configured by `options`.
    public init(options: ExportOptions) {
        self.init(useMoments: options.useMoments)
    }

    /// Where the record side starts: one hour, the usual start of a programme.
    static let recordStartSeconds = 3600

    /// The list as UTF-8 text.
    public func render(_ results: SearchResults) -> [UInt8] {
        let clips = Self.clips(results, useMoments: useMoments)
        let timebase = clips.timebase
        let title = results.query.singleLine
        var lines = ["TITLE: " + (title.isEmpty ? "mlib search" : title), "FCM: NON-DROP FRAME"]

        var record = Self.recordStartSeconds * timebase
        for (index, clip) in clips.clips.enumerated() {
            let times = [clip.start, clip.start + clip.duration, record, record + clip.duration]
                .map { EDLTimecode(frame: $0, timebase: timebase).description }
            // Fixed columns: event number, reel (8), track (5), transition (8), timecodes.
            let number = String(index + 1)
            let event = String(repeating: "0", count: max(0, 3 - number.count)) + number
            lines.append("")
            lines.append(
                [event + " ", Self.column("AX", 8), Self.column("V", 5), Self.column("C", 8)].joined(separator: " ")
                    + " " + times.joined(separator: " "))
            lines.append("* FROM CLIP NAME: " + TableExporter.terminalPath(RawPath(bytes: clip.hit.path.lastComponent)))
            lines.append("* SOURCE FILE: " + TableExporter.terminalPath(clip.hit.path))
            record += clip.duration
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// SMPTE timecode counts 24, 25, 30, 48, 50 or 60 frames a second.
    static let smpteTimebases = [24, 25, 30, 48, 50, 60]

    /// The SMPTE timebase for material at `rate`: the rate rounded when that is one,
    /// else the smallest that whole frames of it fill (15 → 30, 12 → 24), else the nearest.
    static func timebase(for rate: Double) -> Int {
        let rounded = max(Int(rate.rounded()), 1)
        if smpteTimebases.contains(rounded) { return rounded }
        if let multiple = smpteTimebases.first(where: { $0 % rounded == 0 }) { return multiple }
        return smpteTimebases.min { abs($0 - rounded) < abs($1 - rounded) } ?? 25
    }

    private static func column(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// The clips of `results` and the list's timebase, each clip counted in frames of it.
    static func clips(_ results: SearchResults, useMoments: Bool) -> (clips: [TimelineClip], timebase: Int) {
        let native = results.hits.compactMap { TimelineClip($0, useMoments: useMoments) }
        let timebase = timebase(for: native.first?.rate ?? TimelineClip.defaultFrameRate)
        let clips = native.compactMap { clip in
            Int(clip.rate.rounded()) == timebase
                ? clip : TimelineClip(clip.hit, useMoments: useMoments, rate: Double(timebase))
        }
        return (clips, timebase)
    }
}
