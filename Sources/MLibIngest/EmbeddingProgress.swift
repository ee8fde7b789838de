/// Where an embedding pass stands.
public struct EmbeddingProgress: Sendable, Hashable {
    /// Segments that needed vectors when the pass began.
    public var total = 0
    /// Segments given their vectors.
    public var done = 0
    /// Segments rewritten or removed while they were being embedded: their vectors
    /// were not stored (the new text is embedded by a later pass).
    public var outdated = 0
    /// Windows whose vector came from the cache instead of the model.
    public var cached = 0
    /// Windows the model embedded.
    public var embedded = 0
    /// Damaged vectors found and deleted before the pass (their text is embedded again).
    public var repaired = 0
    /// Damaged vectors the vector store left out and could not delete (a read-only library).
    public var damaged = 0
    public var elapsed: Double = 0

    public init() {}
}
