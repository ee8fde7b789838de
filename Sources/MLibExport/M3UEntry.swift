public import MLibCore

/// One entry of an M3U playlist: a local file and what the playlist says about it.
public struct M3UEntry: Sendable, Hashable {
    /// The file, as raw bytes: `file:` URIs are decoded, plain lines taken verbatim.
    public var path: RawPath
    /// Seconds from `#EXTINF`; nil when unknown (`-1`) or when there was no `#EXTINF`.
    public var duration: Int?
    /// The title from `#EXTINF`, after the first comma; nil when there was none.
    public var title: String?
    /// The `#EXTVLCOPT:` options given for this entry, such as `start-time=12.5`.
    public var options: [String]

    public init(path: RawPath, duration: Int? = nil, title: String? = nil, options: [String] = []) {
        self.path = path
        self.duration = duration
        self.title = title
        self.options = options
    }
}
