public import MLibCore

/// A query as every recall channel sees it.
public struct RecallQuery: Sendable {
    /// What the user typed, trimmed.
    public var text: String
    /// Its words and CJK runs.
    public var analyzed: AnalyzedQuery
    /// Only items of this kind.
    public var kind: ItemKind?
    /// Whether only items holding every word may be returned.
    public var requireAllWords: Bool

    public init(text: String, analyzed: AnalyzedQuery, kind: ItemKind?, requireAllWords: Bool) {
        self.text = text
        self.analyzed = analyzed
        self.kind = kind
        self.requireAllWords = requireAllWords
    }
}
