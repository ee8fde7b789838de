/// Choices that shape an export; each format reads the ones that concern it.
public struct ExportOptions: Sendable, Hashable {
    /// Table: mark matched words with ANSI bold rather than `«` and `»`.
    public var color: Bool
    /// Table: the terminal's width in columns; lines are cut to fit. Nil never cuts.
    public var width: Int?
    /// M3U: list images as well as videos.
    public var includeImages: Bool
    /// M3U: the `#EXTINF` seconds for an image; nil writes `-1`, "unknown".
    public var imageSeconds: Int?
    /// M3U, OTIO and EDL: play a video's best moment rather than all of it (the default).
    public var useMoments: Bool
    /// Table: show the query's hints and, under each hit, the rerank's components.
    public var explain: Bool

    public init(
        color: Bool = false, width: Int? = nil, includeImages: Bool = false,
        imageSeconds: Int? = 5, useMoments: Bool = true, explain: Bool = false
    ) {
        self.color = color
        self.width = width
        self.includeImages = includeImages
        self.imageSeconds = imageSeconds
        self.useMoments = useMoments
        self.explain = explain
    }
}
