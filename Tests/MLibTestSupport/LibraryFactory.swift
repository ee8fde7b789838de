public import MLibCore
public import MLibStore

/// Fresh libraries for tests: each call gets its own file in its own folder.
public enum LibraryFactory {
    /// A new, empty library and the folder holding it (remove it when done).
    public static func make() throws -> (Library, TemporaryDirectory) {
        let folder = try TemporaryDirectory(prefix: "mlib-library")
        return (try Library.open(at: folder.path("library.sqlite")), folder)
    }

    /// A record for a file that never existed on disk, for store and search tests.
    public static func record(
        _ path: String, kind: ItemKind = .text, title: String? = nil, duration: Double? = nil,
        segments: [SegmentDraft], metadata: [String: JSONValue] = [:], hash: String? = nil, inode: UInt64 = 1
    ) -> IndexRecord {
        IndexRecord(
            path: RawPath(path),
            state: FileState(size: 10, modificationTimeNanoseconds: 1_000, inode: inode, device: 1),
            contentHash: hash ?? path,
            outcome: .indexed(
                Extraction(
                    kind: kind, mime: kind == .text ? "text/plain" : kind == .image ? "image/jpeg" : "video/mp4",
                    title: title, duration: duration, metadata: metadata, segments: segments)))
    }

    /// Registers a made-up model (no folder behind it) and returns its row.
    public static func model(
        in library: Library, name: String = "m", dimension: Int = 2, fingerprint: String? = nil
    ) throws -> StoredModel {
        try library.register(
            ModelDescriptor(
                name: name, folder: "/nonexistent/" + name, fingerprint: fingerprint ?? "test-" + name, family: "bert",
                tower: .text, space: "text:" + name, dimension: dimension))
    }
}
