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

extension M3UEntry {
    /// Where playback starts, in seconds, from a `#EXTVLCOPT:start-time=` option.
    public var startTime: Double? { seconds(option: "start-time=") }

    /// Where playback stops, in seconds, from a `#EXTVLCOPT:stop-time=` option.
    public var stopTime: Double? { seconds(option: "stop-time=") }

    /// The last value given for `option`, when it is a number of seconds.
    private func seconds(option: String) -> Double? {
        guard let text = options.last(where: { $0.hasPrefix(option) })?.dropFirst(option.count),
            let value = Double(text), value.isFinite, value >= 0
        else { return nil }
        return value
    }
}
