/// Reads a CMX 3600 edit decision list: its title, frame counting mode and events.
///
/// Understands what `EDLExporter` writes and the lists NLEs write: `TITLE:` and
/// `FCM:` headers, event lines (a transition other than a cut may carry its length
/// before the timecodes), `*` comment lines that belong to the event above them
/// (`FROM CLIP NAME:` and `SOURCE FILE:` are picked out), blank lines, CRLF line ends.
/// Other lines (`M2` speed changes, `SPLIT` notes) are passed over.
///
/// ```swift
/// let list = try EDLParser().parse(bytes)
/// list.events.first?.sourceIn.frame(timebase: 30)  // 375
/// ```
public struct EDLParser: Sendable {
    public init() {}

    /// The list in `bytes` (UTF-8, invalid bytes read as U+FFFD).
    ///
    /// - Throws: `EDLParseError` for a line that starts with an event number but does
    ///   not have four timecodes after its reel, track and transition.
    public func parse(_ bytes: [UInt8]) throws(EDLParseError) -> EDLDocument {
        var document = EDLDocument()
        var sawFrameMode = false
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        let lines = content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)

        for (index, rawLine) in lines.enumerated() {
            let line = String(decoding: rawLine, as: UTF8.self).trimmingSpaces
            if line.isEmpty { continue }
            if let title = line.removingPrefix("TITLE:") {
                document.title = title.trimmingSpaces
            } else if let mode = line.removingPrefix("FCM:") {
                // Only the header's FCM sets the list's mode; later ones are per event.
                guard !sawFrameMode, document.events.isEmpty else { continue }
                sawFrameMode = true
                let upper = mode.uppercased()
                document.isDropFrame = upper.contains("DROP") && !upper.contains("NON")
            } else if line.hasPrefix("*") {
                guard !document.events.isEmpty else { continue }
                Self.addComment(String(line.dropFirst()).trimmingSpaces, to: &document.events[document.events.count - 1])
            } else if line.first?.isASCII == true, line.first?.isNumber == true {
                guard let event = Self.event(line) else { throw EDLParseError(line: index + 1, text: line) }
                document.events.append(event)
            }
        }
        return document
    }

    /// `NNN REEL TRACK TRANSITION [LENGTH] SRC_IN SRC_OUT REC_IN REC_OUT`.
    private static func event(_ line: String) -> EDLEvent? {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 8, let number = Int(fields[0]) else { return nil }
        let times = fields.suffix(4).compactMap { EDLTimecode($0) }
        guard times.count == 4 else { return nil }
        return EDLEvent(
            number: number, reel: String(fields[1]), track: String(fields[2]), transition: String(fields[3]),
            sourceIn: times[0], sourceOut: times[1], recordIn: times[2], recordOut: times[3])
    }

    private static func addComment(_ comment: String, to event: inout EDLEvent) {
        if let name = comment.removingPrefix("FROM CLIP NAME:") {
            event.clipName = name.trimmingSpaces
        } else if let file = comment.removingPrefix("SOURCE FILE:") {
            event.sourceFile = file.trimmingSpaces
        } else {
            event.comments.append(comment)
        }
    }
}

extension String {
    fileprivate func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    /// Without the spaces, tabs and carriage returns at either end.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
