/// Text read from a picture, cleaned for search.
///
/// Words the engine was unsure of are dropped, whitespace inside a line is one space,
/// and lines are kept in reading order (one per line of `text`).
public struct RecognizedText: Sendable, Hashable {
    /// The lines read, joined by newlines; empty when nothing credible was found.
    public var text: String
    /// The engine's mean confidence in the words kept, from 0 to 1 (0 when none were).
    public var confidence: Double

    public init(text: String, confidence: Double) {
        self.text = text
        self.confidence = confidence
    }

    /// Nothing credible was read.
    public static let empty = RecognizedText(text: "", confidence: 0)

    public var isEmpty: Bool { text.isEmpty }

    /// The lines of `text`.
    public var lines: [String] { text.split(separator: "\n").map(String.init) }
}
