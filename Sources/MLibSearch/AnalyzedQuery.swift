/// A query as the recall stage sees it: words for the word index, runs of CJK text
/// for the substring index.
public struct AnalyzedQuery: Sendable, Hashable {
    /// Lower-cased words, stop words removed unless nothing else is left.
    public var words: [String]
    /// Runs of Chinese, Japanese or Korean characters.
    public var cjkRuns: [String]

    public var isEmpty: Bool { words.isEmpty && cjkRuns.isEmpty }
}
