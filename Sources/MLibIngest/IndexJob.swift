public import MLibCore

/// One file an ingest run must read.
public struct IndexJob: Sendable {
    public var path: RawPath
    public var state: FileState
    /// The item already stored at this path, if any.
    public var storedID: Int64?
    /// The content hash the stored item had: its thumbnail goes if the content changed.
    public var storedHash: String?
    /// Set when the scan could not examine the file; it is recorded as failed.
    public var problem: (code: String, reason: String)?

    public init(
        path: RawPath, state: FileState, storedID: Int64? = nil, storedHash: String? = nil, problem: (code: String, reason: String)? = nil
    ) {
        self.path = path
        self.state = state
        self.storedID = storedID
        self.storedHash = storedHash
        self.problem = problem
    }
}
