/// A model as the library knows it: a row of `models`.
public struct StoredModel: Sendable, Hashable {
    public var id: Int64
    /// The folder name it was registered under.
    public var name: String
    public var fingerprint: String
    public var family: String
    public var tower: String
    public var space: String
    public var dimension: Int
    /// Where it was last found; a hint, the folder may have moved.
    public var folder: String?
    /// Changes whenever a vector of this model is added or removed.
    public var generation: Int64

    /// Whether the row came from a schema-2 library and has not met its folder yet.
    public var isLegacy: Bool { fingerprint.hasPrefix("legacy:") }
}

/// How much of the library one model holds.
public struct ModelUsage: Sendable, Hashable {
    /// Embedded windows of segments (what search scans).
    public var segmentVectors: Int
    /// Distinct vectors stored, the cache included.
    public var vectors: Int
    /// Bytes of vector data in the library file.
    public var vectorBytes: Int64

    public init(segmentVectors: Int, vectors: Int, vectorBytes: Int64) {
        self.segmentVectors = segmentVectors
        self.vectors = vectors
        self.vectorBytes = vectorBytes
    }
}
