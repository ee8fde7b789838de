/// A stretch of a video where the evidence for a hit lies, in seconds.
public struct Moment: Sendable, Hashable, Codable {
    public var start: Double
    public var end: Double
    /// The evidence found there, such as the subtitle cue's text.
    public var text: String?

    public init(start: Double, end: Double, text: String? = nil) {
        self.start = start
        self.end = end
        self.text = text
    }
}
