/// Reads SubRip (`.srt`) and WebVTT (`.vtt`) files into timed cues.
///
/// Real subtitle files are sloppy, so the parser forgives: a byte order mark, CRLF or
/// CR line ends, missing blank lines between cues, `,` or `.` before the
/// milliseconds, hours left out, cue settings after the end time, VTT `NOTE`, `STYLE`
/// and `REGION` blocks. A cue whose timing line does not parse is skipped with its
/// text; nothing makes the whole file fail.
///
/// ```swift
/// SubtitleParser.parse("1\n00:00:01,000 --> 00:00:02,500\n<i>Hello</i>\n")
/// // [SubtitleCue(start: 1.0, end: 2.5, text: "Hello")]
/// ```
enum SubtitleParser {
    /// The cues of a subtitle file's bytes, decoded as `SubtitleText.decode` does.
    static func parse(bytes: [UInt8]) -> [SubtitleCue] {
        parse(SubtitleText.decode(bytes))
    }

    /// The cues of a SubRip or WebVTT text, in file order.
    static func parse(_ text: String) -> [SubtitleCue] {
        var source = Substring(text)
        if source.first == "\u{FEFF}" { source = source.dropFirst() }
        let lines = source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        let isWebVTT = lines.first?.hasPrefix("WEBVTT") == true

        var cues: [SubtitleCue] = []
        var current: PendingCue?
        var skippingBlock = false
        var previousWasText = false

        func finish() {
            if let cue = current?.cue { cues.append(cue) }
            current = nil
        }

        for (number, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty {
                finish()
                skippingBlock = false
                previousWasText = false
                continue
            }
            if number == 0 && isWebVTT {
                skippingBlock = true  // the header block, up to the first blank line
                continue
            }
            if line.contains("-->") {
                // Without a blank line before it, the line above was this cue's number or identifier.
                if previousWasText, let last = current?.lines.last, isWebVTT || last.allSatisfy(\.isNumber) {
                    current?.lines.removeLast()
                }
                finish()
                if let (start, end) = timing(line) {
                    current = PendingCue(start: start, end: end)
                    skippingBlock = false
                } else {
                    skippingBlock = true  // a broken cue: drop it and its text
                }
                previousWasText = false
                continue
            }
            if skippingBlock { continue }
            if current == nil {
                // Outside a cue: a cue number or identifier, or a WebVTT block to skip.
                if isWebVTT, let word = line.split(whereSeparator: \.isWhitespace).first,
                    ["NOTE", "STYLE", "REGION"].contains(word)
                {
                    skippingBlock = true
                }
                continue
            }
            current?.lines.append(line)
            previousWasText = true
        }
        finish()
        return cues
    }

    /// The start and end of a timing line such as `00:01:02,500 --> 00:01:04,000 X1:40`.
    static func timing<S: StringProtocol>(_ line: S) -> (Double, Double)? {
        guard let arrow = line.range(of: "-->") else { return nil }
        let left = line[..<arrow.lowerBound].trimmingWhitespace()
        // Cue settings (WebVTT) or coordinates (SubRip) may follow the end time.
        guard let right = line[arrow.upperBound...].split(whereSeparator: \.isWhitespace).first,
            let start = timestamp(left), let end = timestamp(right), end >= start
        else { return nil }
        return (start, end)
    }

    /// Seconds for `[hh:]mm:ss[,mmm]`, `[hh:]mm:ss[.mmm]` or `hh:mm:ss:mmm`; nil for anything else.
    static func timestamp<S: StringProtocol>(_ text: S) -> Double? {
        var parts = String(text).split(separator: ":" as Character, omittingEmptySubsequences: false).map(String.init)
        var fraction = 0.0
        if parts.count == 4 {
            // Some tools write the milliseconds after a colon.
            guard let milliseconds = wholeNumber(parts.removeLast()) else { return nil }
            fraction = Double(milliseconds) / 1000
        } else if let last = parts.last, let mark = last.firstIndex(where: { $0 == "," || $0 == "." }) {
            let digits = last[last.index(after: mark)...]
            guard !digits.isEmpty, let value = wholeNumber(String(digits)) else { return nil }
            fraction = Double(value) / pow10(digits.count)
            parts[parts.count - 1] = String(last[..<mark])
        }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let numbers = parts.map(wholeNumber)
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        let values = numbers.map { $0! }
        let (hours, minutes, seconds) = values.count == 3 ? (values[0], values[1], values[2]) : (0, values[0], values[1])
        guard seconds < 60, values.count == 2 || minutes < 60 else { return nil }
        return Double(hours * 3600 + minutes * 60 + seconds) + fraction
    }

    private static func wholeNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}

/// A cue whose timing line has been read and whose text lines are being collected.
private struct PendingCue {
    var start: Double
    var end: Double
    var lines: [Substring] = []

    var cue: SubtitleCue? {
        let text = SubtitleText.clean(lines.joined(separator: "\n"))
        return text.isEmpty ? nil : SubtitleCue(start: start, end: end, text: text)
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    fileprivate func trimmingWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return self[first...last]
    }
}
