/// One hit of a ``VectorIndex`` search: a vector's id and its similarity to the query.
///
/// `score` is the dot product of the stored vector and the query, which is their
/// cosine similarity when both are L2-normalised (1 = same direction, 0 = unrelated).
public struct VectorMatch: Sendable, Hashable {
    /// The id the vector was stored under (for mlib, a segment id).
    public var id: Int64
    /// The dot product with the query; higher is more similar.
    public var score: Float

    /// Creates a match.
    public init(id: Int64, score: Float) {
        self.id = id
        self.score = score
    }
}
