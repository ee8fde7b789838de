/// What the file system says about a file, enough to tell whether it changed since
/// it was indexed without reading it.
public struct FileState: Sendable, Hashable {
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modificationTimeNanoseconds: Int64
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int64, modificationTimeNanoseconds: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modificationTimeNanoseconds = modificationTimeNanoseconds
        self.inode = inode
        self.device = device
    }
}

extension FileState {
    /// Whether two states describe the same unchanged file: same size, modification
    /// time and inode (a file replaced by rename gets a new inode).
    public func sameContent(as other: FileState) -> Bool {
        size == other.size && modificationTimeNanoseconds == other.modificationTimeNanoseconds
            && inode == other.inode
    }
}
