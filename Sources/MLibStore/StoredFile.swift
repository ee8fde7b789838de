public import MLibCore

/// What the library remembers of one file for incremental scans.
public struct StoredFile: Sendable, Hashable {
    public var itemID: Int64
    public var path: RawPath
    public var state: FileState
    public var contentHash: String?
    public var failed: Bool
    /// For images and videos: the kind, and how their pixels were read (item metadata
    /// `picture_reading`, nil when they were not), so a change of `--fps` or `--ocr`,
    /// or a library from before pixels were read, reads them again.
    public var pictureReading: (kind: ItemKind, key: String?)?

    public init(
        itemID: Int64, path: RawPath, state: FileState, contentHash: String?, failed: Bool,
        pictureReading: (kind: ItemKind, key: String?)? = nil
    ) {
        self.itemID = itemID
        self.path = path
        self.state = state
        self.contentHash = contentHash
        self.failed = failed
        self.pictureReading = pictureReading
    }

    public static func == (lhs: StoredFile, rhs: StoredFile) -> Bool {
        lhs.itemID == rhs.itemID && lhs.path == rhs.path && lhs.state == rhs.state && lhs.contentHash == rhs.contentHash
            && lhs.failed == rhs.failed && lhs.pictureReading?.kind == rhs.pictureReading?.kind
            && lhs.pictureReading?.key == rhs.pictureReading?.key
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(itemID)
        hasher.combine(path)
        hasher.combine(contentHash)
    }
}
