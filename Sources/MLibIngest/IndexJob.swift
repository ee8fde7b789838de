public import MLibCore

/// One file an ingest run must read.
public struct IndexJob: Sendable {
    public var path: RawPath
    public var state: FileState
    /// The item already stored at this path, if any.
    public var storedID: Int64?
    /// Set when the scan could not examine the file; it is recorded as failed.
    public var problem: (code: String, reason: String)?

    public init(path: RawPath, state: FileState, storedID: Int64? = nil, problem: (code: String, reason: String)? = nil) {
        self.path = path
        self.state = state
        self.storedID = storedID
        self.problem = problem
    }
}
