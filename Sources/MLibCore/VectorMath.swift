/// Small vector helpers shared by ingest and search.
public enum VectorMath {
    /// `vector` scaled to unit length, or nil when it has a non-finite value or is zero.
    public static func normalized(_ vector: [Float]) -> [Float]? {
        var norm: Float = 0
        for value in vector {
            guard value.isFinite else { return nil }
            norm += value * value
        }
        guard norm > 0, norm.isFinite else { return nil }
        let scale = 1 / norm.squareRoot()
        return vector.map { $0 * scale }
    }
}
