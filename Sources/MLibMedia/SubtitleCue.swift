/// One timed piece of subtitle text, in seconds from the start of the video.
struct SubtitleCue: Sendable, Hashable {
    var start: Double
    /// When the cue disappears; nil when the source does not say.
    var end: Double?
    /// Plain text, markup removed, lines joined by `\n`.
    var text: String
}
