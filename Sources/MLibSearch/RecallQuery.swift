public import MLibCore

/// A query as every recall channel sees it.
public struct RecallQuery: Sendable {
    /// What the channels search by meaning: what the user typed, trimmed, without the
    /// words that only gave hints.
    public var text: String
    /// Soft hints read from the query: kind, dates, camera, quoted phrases.
    public var hints: QueryHints
    /// Its words and CJK runs.
    public var analyzed: AnalyzedQuery
    /// Only items of this kind.
    public var kind: ItemKind?
    /// Whether only items holding every word may be returned.
    public var requireAllWords: Bool

    public init(text: String, analyzed: AnalyzedQuery, kind: ItemKind?, requireAllWords: Bool, hints: QueryHints? = nil) {
        self.text = text
        self.hints = hints ?? QueryHints(semanticText: text)
        self.analyzed = analyzed
        self.kind = kind
        self.requireAllWords = requireAllWords
    }
}
