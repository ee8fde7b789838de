/// A non-drop-frame SMPTE timecode, `HH:MM:SS:FF`, as CMX 3600 edit lists write it.
///
/// A timecode only means a frame count once its timebase (frames per timecode
/// second, an integer) is known: `00:00:01:05` is frame 30 at 25, frame 35 at 30.
///
/// ```swift
/// let timecode = EDLTimecode(frame: 90_125, timebase: 25)  // 01:00:05:00
/// timecode.frame(timebase: 25)                               // 90_125
/// ```
public struct EDLTimecode: Sendable, Hashable, CustomStringConvertible {
    public var hours: Int
    public var minutes: Int
    public var seconds: Int
    public var frames: Int

    public init(hours: Int, minutes: Int, seconds: Int, frames: Int) {
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
        self.frames = frames
    }

    /// The timecode of frame `frame` (from 0) at `timebase` frames per second.
    public init(frame: Int, timebase: Int) {
        let frame = max(frame, 0)
        let base = max(timebase, 1)
        self.init(
            hours: frame / (base * 3600), minutes: frame / (base * 60) % 60, seconds: frame / base % 60,
            frames: frame % base)
    }

    /// Parses `HH:MM:SS:FF`; a `;` or `.` before the frames (drop-frame spellings)
    /// is read the same way. Nil when `text` is not a timecode.
    public init?<S: StringProtocol>(_ text: S) {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == ";" || $0 == "." }
        guard parts.count == 4,
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 4, numbers[1] < 60, numbers[2] < 60 else { return nil }
        self.init(hours: numbers[0], minutes: numbers[1], seconds: numbers[2], frames: numbers[3])
    }

    /// The frame number this timecode names at `timebase` frames per second.
    public func frame(timebase: Int) -> Int {
        ((hours * 60 + minutes) * 60 + seconds) * timebase + frames
    }

    /// `HH:MM:SS:FF`, each part at least two digits.
    public var description: String {
        [hours, minutes, seconds, frames].map { $0 < 10 ? "0\($0)" : String($0) }.joined(separator: ":")
    }
}
