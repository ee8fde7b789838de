public import Foundation

/// A query as `mlib rerank` reads it, once for all the documents it is compared with:
/// the hints it gives, the text left to embed, and its words for coverage.
///
/// Read the way search reads a query, so a document brought by a caller is judged on
/// the same words and meaning an indexed item would be.
public struct DocumentQuery: Sendable {
    /// The query as given, trimmed.
    public let text: String
    /// What the query says once its hints are read: the text a model embeds. The text
    /// as given when the hints took all of it.
    public let semanticText: String
    /// Kind, dates, camera and quoted phrases read from the query.
    public let hints: QueryHints
    let lexical: LexicalMatch

    public init(_ text: String, now: Date = Date(), calendar: Calendar = .current) {
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        hints = HintExtractor.extract(self.text, now: now, calendar: calendar)
        let semantic = hints.semanticText.trimmingCharacters(in: .whitespacesAndNewlines)
        semanticText = semantic.isEmpty ? self.text : semantic
        lexical = LexicalMatch(QueryAnalyzer.analyze(semanticText))
    }

    /// Whether there is nothing to compare documents with.
    public var isEmpty: Bool { text.isEmpty }
}
