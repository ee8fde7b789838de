public import Foundation

/// What a running watcher is doing, written beside the library for `mlib status`.
///
/// The watcher rewrites the file (by rename, so readers never see half of it) when
/// something changes, at most about once a second.
public struct WatchStatus: Codable, Sendable, Hashable {
    public enum Phase: String, Codable, Sendable {
        /// Comparing the folders with the library after start or lost events.
        case reconciling
        /// Reading new and changed files.
        case indexing
        /// Giving new text its sentence vectors.
        case embedding
        /// Nothing to do; waiting for changes.
        case idle
        /// Finishing the current batch before exiting.
        case stopping
    }

    public var pid: Int32
    public var startedAt: Date
    public var roots: [String]
    /// "inotify", or "poll" when every folder is polled.
    public var mode: String
    public var phase: Phase
    /// Changes queued for ingest, and files waiting to settle.
    public var queued: Int
    public var settling: Int
    public var watchedFolders: Int
    /// Folders polled because the inotify watch limit ran out (or all, in poll mode).
    public var polledFolders: Int
    public var watchLimitReached: Bool
    /// Since start: items indexed or updated, moved, removed, failed.
    public var indexed: Int
    public var moved: Int
    public var removed: Int
    public var failed: Int
    /// Passages given vectors since start.
    public var embedded: Int
    /// Rescans of whole trees after lost events (inotify or queue overflow).
    public var rescans: Int
    public var lastEvent: String?
    public var lastEventAt: Date?

    /// The status file of the library at `libraryPath`.
    public static func fileURL(library libraryPath: String) -> URL {
        URL(fileURLWithPath: libraryPath + ".watch.json")
    }

    /// The status as JSON: snake_case keys, ISO 8601 times, absent values left out.
    public func encoded() -> Data? {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return try? encoder.encode(self)
    }

    /// Writes the status next to the library, atomically.
    func write(library libraryPath: String) {
        guard let data = encoded() else { return }
        try? data.write(to: Self.fileURL(library: libraryPath), options: .atomic)
    }

    /// The status a watcher last wrote for the library, if the file is readable.
    public static func read(library libraryPath: String) -> WatchStatus? {
        guard let data = try? Data(contentsOf: fileURL(library: libraryPath)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(WatchStatus.self, from: data)
    }
}
