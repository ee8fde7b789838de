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
/// - With `useMoments`, a video whose best moment is known gets `#EXTVLCOPT:start-time`
///   and `stop-time` lines, which VLC honours to play just that stretch.
///
/// The output is UTF-8; name the file `.m3u8` so players do not guess another encoding.
public struct M3UExporter: Sendable {
    /// Whether images are listed too, for players that show pictures as a slide show.
    public var includeImages: Bool
    /// The `#EXTINF` seconds written for an image; nil writes `-1`, "unknown".
    public var imageSeconds: Int?
    /// Whether videos start and stop at their best moment (VLC options).
    public var useMoments: Bool

    public init(includeImages: Bool = false, imageSeconds: Int? = 5, useMoments: Bool = false) {
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
            lines.append("#EXTINF:\(seconds),\(Self.title(of: hit))")
            if useMoments, hit.kind == .video, let moment = hit.moments.first,
                moment.start.isFinite, moment.end.isFinite, moment.end > moment.start
            {
                lines.append("#EXTVLCOPT:start-time=\(Self.secondsText(moment.start))")
                lines.append("#EXTVLCOPT:stop-time=\(Self.secondsText(moment.end))")
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
