public import MLibCore

/// A file that could not be indexed in this run.
public struct IndexFailure: Sendable, Hashable {
    public var path: RawPath
    public var code: String
    /// One line: what happened and what to do.
    public var reason: String
}
