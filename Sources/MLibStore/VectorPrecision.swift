/// How a ``VectorIndex`` scans its rows.
///
/// The scan of every row is bound by memory bandwidth, so a smaller copy of the rows
/// makes it faster. The compact forms rank all rows by an approximate score, then
/// re-score the best few (``VectorIndex/rescoreFactor`` × k) against the exact
/// float32 rows, so the returned scores are always exact; only a true hit the
/// approximation pushes far down can be missed (recall@50 is measured in the tests
/// and in `mlib-bench knn`).
public enum VectorPrecision: String, Sendable, CaseIterable {
    /// Scan the exact float32 rows (4 bytes per dimension). Results are exact.
    case float32
    /// Scan a half-precision copy (2 more bytes per dimension), then re-score.
    case float16
    /// Scan an int8 copy scaled per row (1 more byte per dimension), then re-score.
    case int8
}
