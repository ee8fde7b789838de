/// How recall finds candidates.
public enum SearchMode: String, Sendable, Hashable, CaseIterable {
    /// Words only: the full-text index with bm25.
    case keyword
    /// Meaning only: nearest sentence vectors.
    case semantic
    /// Both, fused by reciprocal rank.
    case hybrid
}
