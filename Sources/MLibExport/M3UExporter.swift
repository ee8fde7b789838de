public import MLibCore

/// Writes search results as an extended M3U playlist for media players.
///
/// ```
/// #EXTM3U
/// #PLAYLIST:mlib: beach sunset
/// #EXTINF:95,Sunset at the beach
/// /home/ana/Media/beach.mp4
/// ```
///
/// - Videos are always listed; images only with `includeImages`; text notes never.
/// - `#EXTINF` carries the duration rounded to whole seconds (`-1` when unknown; for
///   images `imageSeconds`, 5 by default) and the title, or the file name when there
///   is none. Control characters and line breaks in titles become spaces, so a title
///   can never start a line of its own and inject an entry.
/// - A path is written as it is when it is absolute, valid UTF-8 and free of control
///   characters and trailing white space. Any other path, one with a newline or bytes
///   that are not UTF-8 for example, is written as a percent-encoded `file://` URI
///   (RFC 8089), so every entry stays one line and `M3UParser` recovers the bytes.
/// - With `useMoments` (the default), a video whose best moment is known plays just
///   that stretch: `#EXTVLCOPT:start-time` and `stop-time` lines (seconds, up to 3
///   decimals; VLC honours them, mpv ignores them and plays the whole file) come before
///   its `#EXTINF`, which then gives the moment's length and names it after the title.
///
///   ```
///   #EXTVLCOPT:start-time=12.5
///   #EXTVLCOPT:stop-time=20
///   #EXTINF:7.5,Sunset at the beach — 0:12–0:20
///   /home/ana/Media/beach.mp4
///   ```
///
/// The output is UTF-8; name the file `.m3u8` so players do not guess another encoding.
public struct M3UExporter: Sendable {
    /// Whether images are listed too, for players that show pictures as a slide show.
    public var includeImages: Bool
    /// The `#EXTINF` seconds written for an image; nil writes `-1`, "unknown".
    public var imageSeconds: Int?
    /// Whether videos start and stop at their best moment (VLC options), as by default.
    public var useMoments: Bool

    public init(includeImages: Bool = false, imageSeconds: Int? = 5, useMoments: Bool = true) {
        self.includeImages = includeImages
        self.imageSeconds = imageSeconds
        self.useMoments = useMoments
    }

    /// An exporter configured by the M3U part of `options`.
    public init(options: ExportOptions) {
        self.init(
            includeImages: options.includeImages, imageSeconds: options.imageSeconds,
            useMoments: options.useMoments)
    }

    /// The playlist as UTF-8 bytes, one line per directive or entry, each ending with `\n`.
    public func render(_ results: SearchResults) -> [UInt8] {
        var lines = ["#EXTM3U"]
        let query = results.query.singleLine
        if !query.isEmpty { lines.append("#PLAYLIST:mlib: \(query)") }

        for hit in results.hits {
            let seconds: Int
            switch hit.kind {
            case .text:
                continue
            case .image:
                guard includeImages else { continue }
                seconds = imageSeconds ?? -1
            case .video:
                seconds = hit.duration.flatMap(Self.wholeSeconds) ?? -1
            }
            if useMoments, hit.kind == .video, let moment = hit.moments.first,
                moment.start.isFinite, moment.end.isFinite, moment.start >= 0, moment.end > moment.start
            {
                let span = Self.clock(moment.start, .down) + "\u{2013}" + Self.clock(moment.end, .up)
                lines.append("#EXTVLCOPT:start-time=\(Self.secondsText(moment.start))")
                lines.append("#EXTVLCOPT:stop-time=\(Self.secondsText(moment.end))")
                lines.append(
                    "#EXTINF:\(Self.secondsText(moment.end - moment.start)),\(Self.title(of: hit)) \u{2014} \(span)")
            } else {
                lines.append("#EXTINF:\(seconds),\(Self.title(of: hit))")
            }
            lines.append(Self.location(of: hit.path))
        }
        return Array(lines.joined(separator: "\n").utf8) + [UInt8(ascii: "\n")]
    }

    /// The line that names `path`: the path itself when that is safe, else a `file://` URI.
    static func location(of path: RawPath) -> String {
        let plain = path.string
        let isSafe =
            path.isAbsolute && path.isValidUTF8
            && !plain.unicodeScalars.contains(where: \.isControlOrLineBreak)
            && !(plain.unicodeScalars.last?.properties.isWhitespace ?? false)
        return isSafe ? plain : FileURI.encode(path)
    }

    /// The title on one line, falling back to the file name.
    private static func title(of hit: SearchHit) -> String {
        if let title = hit.title?.singleLine, !title.isEmpty { return title }
        let name = hit.path.fileName.singleLine
        return name.isEmpty ? hit.path.string.singleLine : name
    }

    private static func wholeSeconds(_ duration: Double) -> Int? {
        guard duration.isFinite, duration >= 0, duration < Double(Int32.max) else { return nil }
        return Int(duration.rounded())
    }

    /// `m:ss`, or `h:mm:ss` from an hour on, `seconds` rounded in `direction`.
    static func clock(_ seconds: Double, _ direction: FloatingPointRoundingRule) -> String {
        let total = Int(min(max(seconds, 0), Double(Int32.max)).rounded(direction))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let hours = total / 3600
        let minutes = total / 60 % 60
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(total % 60))" : "\(minutes):\(two(total % 60))"
    }

    /// Seconds with at most three decimals and no trailing zeros: `12`, `12.5`, `12.345`.
    private static func secondsText(_ seconds: Double) -> String {
        let millis = Int64((max(seconds, 0) * 1000).rounded())
        let whole = millis / 1000
        var fraction = String(millis % 1000)
        guard fraction != "0" else { return String(whole) }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
