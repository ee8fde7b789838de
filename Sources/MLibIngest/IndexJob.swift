import MLibCore

/// One file the run must read.
struct IndexJob: Sendable {
    var path: RawPath
    var state: FileState
    /// The item already stored at this path, if any.
    var storedID: Int64?
    /// Set when the walk could not examine the file; it is recorded as failed.
    var problem: (code: String, reason: String)?
}
