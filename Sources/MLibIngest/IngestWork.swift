import MLibCore
public import MLibStore

/// What one ingest run must do, as a scan or the watcher found it: files to read,
/// and stored items whose files are gone.
public struct IngestWork: Sendable {
    /// Files to read, in order.
    public var jobs: [IndexJob] = []
    /// Stored items not found on disk, by id: removed at the end unless a new file
    /// turns out to be one of them moved (same content hash).
    public var missing: [Int64: StoredFile] = [:]
    /// Counts from the scan, carried into the progress.
    public var found = 0
    public var unchanged = 0
    public var stillFailing = 0
    /// Files known from earlier in this process to be of no type mlib indexes.
    public var knownSkipped = 0

    public init() {}

    /// Missing items by content hash, for recognising moves.
    func missingByHash() -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for file in missing.values.sorted(by: { $0.itemID > $1.itemID }) where !file.failed {
            if let hash = file.contentHash { result[hash, default: []].append(file.itemID) }
        }
        return result
    }
}
