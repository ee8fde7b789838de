public import MLibCore

/// Reads an M3U or extended M3U playlist into its entries.
///
/// Understands what `M3UExporter` writes and what common players write: an optional
/// `#EXTM3U` header, `#EXTINF:<seconds>[ attributes],<title>` before an entry,
/// `#EXTVLCOPT:` options (a moment's `start-time` and `stop-time` come back as the
/// entry's `startTime` and `stopTime`), other `#` lines (ignored), blank lines, CRLF line ends and
/// a UTF-8 byte-order mark. Entries are plain paths, taken byte for byte, or `file:`
/// URIs, percent-decoded back to raw bytes (RFC 8089).
///
/// mlib deals in local files: entries that are URLs of another scheme (`http://…`)
/// or `file:` URIs naming another host are skipped.
///
/// ```swift
/// let entries = M3UParser(baseDirectory: RawPath("/home/ana/Playlists")).parse(bytes)
/// entries.first?.path // RawPath("/home/ana/Media/beach.mp4")
/// ```
public struct M3UParser: Sendable {
    /// The folder relative entries are resolved against, normally the playlist's own
    /// folder; nil leaves relative paths relative.
    public var baseDirectory: RawPath?

    public init(baseDirectory: RawPath? = nil) {
        self.baseDirectory = baseDirectory
    }

    /// The entries of the playlist in `bytes`, in order.
    public func parse(_ bytes: [UInt8]) -> [M3UEntry] {
        var entries: [M3UEntry] = []
        var duration: Int?
        var title: String?
        var options: [String] = []
        var content = bytes[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }

        for rawLine in content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var line = Array(rawLine)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }

            if line.first == UInt8(ascii: "#") {
                let text = String(decoding: line, as: UTF8.self)
                if let info = text.dropPrefix("#EXTINF:") {
                    (duration, title) = Self.parseInfo(info)
                } else if let option = text.dropPrefix("#EXTVLCOPT:") {
                    options.append(String(option))
                }
                continue
            }

            if let path = resolve(line) {
                entries.append(M3UEntry(path: path, duration: duration, title: title, options: options))
            }
            duration = nil
            title = nil
            options = []
        }
        return entries
    }

    private func resolve(_ line: [UInt8]) -> RawPath? {
        let path: RawPath
        if let decoded = FileURI.decode(line) {
            path = decoded
        } else if Self.hasURLScheme(line) {
            return nil
        } else {
            path = RawPath(bytes: line)
        }
        if let baseDirectory, !path.isAbsolute {
            return baseDirectory.appending(component: path.bytes)
        }
        return path
    }

    /// `<seconds>[ attributes],<title>` → (seconds or nil when unknown, title or nil).
    private static func parseInfo(_ info: Substring) -> (Int?, String?) {
        // Attribute values may hold commas (`group-title="a,b"`); the title starts after
        // the first comma outside quotes.
        var inQuotes = false
        let comma = info.firstIndex { character in
            if character == "\"" { inQuotes.toggle() }
            return character == "," && !inQuotes
        }
        let head = info[..<(comma ?? info.endIndex)]
        let number = head.prefix { $0 == "-" || $0 == "+" || $0 == "." || $0.isASCII && $0.isNumber }
        var seconds: Int?
        if let value = Double(number), value >= 0, value.isFinite, value < Double(Int.max) {
            seconds = Int(value.rounded())
        }
        let title = comma.map { String(info[info.index(after: $0)...]) }
        return (seconds, title)
    }

    /// Whether `line` starts like `scheme://`, so it names a URL rather than a file.
    private static func hasURLScheme(_ line: [UInt8]) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let scheme = line[..<colon]
        let isSchemeByte: (UInt8) -> Bool = { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        return scheme.allSatisfy(isSchemeByte) && line[colon...].starts(with: Array("://".utf8))
    }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? self[index(startIndex, offsetBy: prefix.count)...] : nil
    }
}
