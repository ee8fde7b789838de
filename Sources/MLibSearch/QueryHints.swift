public import Foundation
public import MLibCore

/// Soft hints found in a query, and what is left of it to search by meaning.
///
/// Hints never filter: the rerank uses how well an item agrees with them
/// (``HintAgreement``) as one feature among others. `video of the harbour last summer`
/// gives kind `.video`, last summer's dates, and the semantic text `the harbour`.
public struct QueryHints: Sendable, Hashable {
    /// The kind of item asked for, when the query asked for exactly one kind.
    public var kind: ItemKind?
    /// The words that asked for `kind`, as typed: `video of`, `照片`.
    public var kindText: String?
    /// The dates asked for; several date expressions are merged into one span.
    public var dates: DateHint?
    /// Lower-cased camera names mentioned as the camera that made an item: `canon`, `iphone 12`.
    public var cameras: [String]
    /// Text inside quotes, whitespace-normalised, as typed; items holding it should rank higher.
    public var phrases: [String]
    /// The query without the hint words (kind words, date expressions, camera names when
    /// they were only a hint, quote marks but not the quoted words), whitespace-normalised.
    ///
    /// Never empty when the query had any word: if removing hints leaves nothing worth
    /// searching for, this is the original text.
    public var semanticText: String

    public init(
        kind: ItemKind? = nil, kindText: String? = nil, dates: DateHint? = nil, cameras: [String] = [],
        phrases: [String] = [], semanticText: String
    ) {
        self.kind = kind
        self.kindText = kindText
        self.dates = dates
        self.cameras = cameras
        self.phrases = phrases
        self.semanticText = semanticText
    }

    /// Whether the query held no hint at all.
    public var isEmpty: Bool { kind == nil && dates == nil && cameras.isEmpty && phrases.isEmpty }
}

/// A date range a query asked for, half-open [start, end), in the given calendar's time zone.
public struct DateHint: Sendable, Hashable {
    public var start: Date
    public var end: Date
    /// The words that said it: `last summer`, `in 2019`, `去年夏天`.
    public var text: String
    /// The time zone the range was worked out in; item dates written without a zone
    /// (EXIF's local time) are read in it too.
    public var timeZone: TimeZone

    /// An `end` before `start` is taken as `start`: an empty range.
    public init(start: Date, end: Date, text: String, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) {
        self.start = start
        self.end = max(start, end)
        self.text = text
        self.timeZone = timeZone
    }

    /// Whether `date` falls inside the range.
    public func contains(_ date: Date) -> Bool { date >= start && date < end }
}
