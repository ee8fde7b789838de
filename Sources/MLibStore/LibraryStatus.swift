public import MLibCore

/// Counts of what the library holds.
public struct LibraryStatus: Sendable, Hashable {
    public var total: Int
    public var text: Int
    public var image: Int
    public var video: Int
    public var failed: Int
    public var segments: Int
    /// Bytes on disk of the library file with its WAL.
    public var fileSize: Int64
    public var schemaVersion: String
}

/// A file that could not be indexed, and why.
public struct FailureRecord: Sendable, Hashable {
    public var itemID: Int64
    public var path: RawPath
    public var code: String
    public var reason: String
}
