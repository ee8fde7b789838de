public import MLibCore

/// What the library remembers of one file for incremental scans.
public struct StoredFile: Sendable, Hashable {
    public var itemID: Int64
    public var path: RawPath
    public var state: FileState
    public var contentHash: String?
    public var failed: Bool

    public init(itemID: Int64, path: RawPath, state: FileState, contentHash: String?, failed: Bool) {
        self.itemID = itemID
        self.path = path
        self.state = state
        self.contentHash = contentHash
        self.failed = failed
    }
}
