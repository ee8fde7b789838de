import Foundation
import GRDB
public import MLibCore

extension Library {
    /// Fields whose text is embedded: names and technical metadata are noise to a
    /// sentence model, and stay with the word index.
    public static let embeddedFields: [EvidenceField] = [.title, .body, .keywords, .subtitle, .ocr]

    private static var embeddedFieldList: String { embeddedFields.map { "'\($0.rawValue)'" }.joined(separator: ", ") }

    /// Up to `limit` text segments with no vector from the model, in id order after
    /// `afterSegmentID`.
    public func segmentsToEmbed(modelID: Int64, after afterSegmentID: Int64 = 0, limit: Int) throws(LibraryError) -> [EmbeddingTarget] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.item_id, s.field, s.text, s.start FROM segments s
                    WHERE s.id > ? AND s.modality = 'text' AND s.field IN (\(Self.embeddedFieldList)) AND s.text <> ''
                      AND NOT EXISTS (SELECT 1 FROM segment_vectors e WHERE e.segment_id = s.id AND e.model_id = ?)
                    ORDER BY s.id LIMIT ?
                    """,
                arguments: [afterSegmentID, modelID, limit]
            ).map { row in
                EmbeddingTarget(
                    segmentID: try row.decode(at: 0, of: "segments"), itemID: try row.decode(at: 1, of: "segments"),
                    field: EvidenceField(rawValue: row.text(at: 2) ?? "") ?? .body, text: row.text(at: 3) ?? "",
                    start: Double.fromDatabaseValue(row[4]))
            }
        }
    }

    /// How many text segments have no vector from the model.
    public func countSegmentsToEmbed(modelID: Int64) throws(LibraryError) -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM segments s
                    WHERE s.modality = 'text' AND s.field IN (\(Self.embeddedFieldList)) AND s.text <> ''
                      AND NOT EXISTS (SELECT 1 FROM segment_vectors e WHERE e.segment_id = s.id AND e.model_id = ?)
                    """,
                arguments: [modelID]) ?? 0
        }
    }

    /// Vectors the model already made for these content hashes, keyed by hash.
    ///
    /// A damaged vector (wrong length, not finite, not unit length) is deleted, with
    /// the segment rows using it, when the library can be written, and is left out:
    /// the caller embeds that text again.
    public func cachedVectors(contentHashes: [[UInt8]], modelID: Int64, dimension: Int) throws(LibraryError) -> [[UInt8]: [Float]] {
        guard !contentHashes.isEmpty else { return [:] }
        var damaged: [Int64] = []
        let found: [[UInt8]: [Float]] = try read { db in
            var found: [[UInt8]: [Float]] = [:]
            let statement = try db.cachedStatement(sql: "SELECT id, vector FROM vectors WHERE model_id = ? AND content_hash = ?")
            for hash in contentHashes {
                guard let row = try Row.fetchOne(statement, arguments: [modelID, Data(hash)]) else { continue }
                let data = (row[1] as DatabaseValue).storage
                if case .blob(let bytes) = data, let vector = VectorCoding.decodeChecked(bytes, dimension: dimension) {
                    found[hash] = vector
                } else if let id = Int64.fromDatabaseValue(row[0]) {
                    damaged.append(id)
                }
            }
            return found
        }
        if !damaged.isEmpty { try? removeVectors(ids: damaged) }
        return found
    }

    /// Remembers a query's vector so the same query is never embedded again, if the
    /// library can take a write right now; never waits for another writer.
    ///
    /// A library opened read-only stays so: the vector goes through a connection of
    /// its own, made for this one insert, and is dropped when the file cannot be
    /// written or another process holds the write lock. Returns whether it was stored.
    @discardableResult
    public func rememberVector(_ vector: [Float], contentHash: [UInt8], modelID: Int64) -> Bool {
        guard VectorCoding.isValid(vector) else { return false }
        func insert(_ db: Database) throws {
            try db.execute(
                sql: "INSERT OR IGNORE INTO vectors (model_id, content_hash, vector) VALUES (?, ?, ?)",
                arguments: [modelID, Data(contentHash), VectorCoding.encode(vector)])
        }
        do {
            if mode == .readOnly {
                guard access(path, W_OK) == 0 else { return false }
                var configuration = Configuration()
                // Zero wait: a watcher's batch must not hold up the answer to a search.
                configuration.busyMode = .immediateError
                // A remembered query is a cache entry: no need to wait for the disk, and the
                // WAL is checkpointed by writers, never by a search waiting to answer.
                configuration.prepareDatabase { db in
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                }
                try DatabaseQueue(path: path, configuration: configuration).inDatabase { db in
                    try db.inTransaction(.immediate) {
                        try insert(db)
                        return .commit
                    }
                }
            } else {
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA busy_timeout = 0")
                    defer { try? db.execute(sql: "PRAGMA busy_timeout = 10000") }
                    try db.inTransaction(.immediate) {
                        try insert(db)
                        return .commit
                    }
                }
            }
            return true
        } catch {
            return false
        }
    }

    /// Stores new vectors by content hash, then points segment windows at them, in
    /// one transaction.
    ///
    /// Returns the segments that got vectors: not those rewritten or removed since
    /// their text was read, nor those whose vector is neither given nor stored.
    @discardableResult
    public func storeVectors(
        _ windows: [SegmentVector], fresh: [(contentHash: [UInt8], vector: [Float])], modelID: Int64
    ) throws(LibraryError) -> Set<Int64> {
        try write { db in
            try Self.remember(fresh, modelID: modelID, in: db)
            // Another process (or the watcher's ingest) may have rewritten the segment
            // since its text was read; a vector is kept only for the text it was made from.
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO segment_vectors (segment_id, model_id, window, vector_id)
                    SELECT ?, ?, ?, v.id FROM vectors v
                    WHERE v.model_id = ? AND v.content_hash = ? AND EXISTS (SELECT 1 FROM segments WHERE id = ? AND text = ?)
                    """)
            var stored: Set<Int64> = []
            for window in windows {
                try insert.execute(arguments: [
                    window.segmentID, modelID, window.window, modelID, Data(window.contentHash), window.segmentID,
                    window.segmentText,
                ])
                if db.changesCount > 0 { stored.insert(window.segmentID) }
            }
            return stored
        }
    }

    /// Stores new vectors by content hash, once each; invalid ones are left out.
    static func remember(_ fresh: [(contentHash: [UInt8], vector: [Float])], modelID: Int64, in db: Database) throws {
        let remember = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO vectors (model_id, content_hash, vector) VALUES (?, ?, ?)")
        for entry in fresh where VectorCoding.isValid(entry.vector) {
            try remember.execute(arguments: [modelID, Data(entry.contentHash), VectorCoding.encode(entry.vector)])
        }
    }

    /// Deletes vectors (and the segment windows using them, by cascade).
    public func removeVectors(ids: [Int64]) throws(LibraryError) {
        guard !ids.isEmpty else { return }
        try write { db in
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                try db.execute(
                    sql: "DELETE FROM vectors WHERE id IN (\(Array(repeating: "?", count: part.count).joined(separator: ",")))",
                    arguments: StatementArguments(part))
            }
        }
    }

    /// Checks every vector of a model and deletes the damaged ones (their segments are
    /// embedded again by the next pass); returns how many were damaged.
    public func removeDamagedVectors(modelID: Int64, dimension: Int) throws(LibraryError) -> Int {
        let damaged: [Int64] = try read { db in
            var damaged: [Int64] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, vector FROM vectors WHERE model_id = ?", arguments: [modelID])
            while let row = try rows.next() {
                guard let id = Int64.fromDatabaseValue(row[0]) else { continue }
                guard case .blob(let bytes) = (row[1] as DatabaseValue).storage,
                    VectorCoding.decodeChecked(bytes, dimension: dimension) != nil
                else {
                    damaged.append(id)
                    continue
                }
            }
            return damaged
        }
        try removeVectors(ids: damaged)
        return damaged.count
    }

    /// How many segment windows have a vector from the model.
    public func vectorCount(modelID: Int64) throws(LibraryError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM segment_vectors WHERE model_id = ?", arguments: [modelID]) ?? 0
        }
    }
}

/// Vectors as BLOBs: float32, little-endian, packed.
enum VectorCoding {
    static func encode(_ vector: [Float]) -> Data {
        var data = Data(capacity: vector.count * 4)
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The vector in `data` if it has `dimension` finite values of unit length (as
    /// every vector mlib stores has), else nil: damage to a page must not reach a scan.
    static func decodeChecked(_ data: Data, dimension: Int) -> [Float]? {
        guard data.count == dimension * 4, dimension > 0 else { return nil }
        let vector = [Float](unsafeUninitializedCapacity: dimension) { buffer, initialized in
            data.withUnsafeBytes { raw in
                // The vectors are little-endian, as is every machine mlib runs on.
                _ = memcpy(buffer.baseAddress!, raw.baseAddress!, dimension * 4)
            }
            initialized = dimension
        }
        return isValid(vector) ? vector : nil
    }

    /// Whether every value is finite and the length is 1 (within float rounding).
    static func isValid(_ vector: [Float]) -> Bool {
        var norm: Float = 0
        for value in vector {
            guard value.isFinite else { return false }
            norm += value * value
        }
        return !vector.isEmpty && abs(norm - 1) < 1e-3
    }
}

extension Library {
    /// The vectors the model made for an item's segments (damaged ones left out): what
    /// the item looks like to that model, for finding items like it.
    public func itemVectors(itemID: Int64, modelID: Int64, dimension: Int) throws(LibraryError) -> [[Float]] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.vector FROM segment_vectors e JOIN segments s ON s.id = e.segment_id JOIN vectors v ON v.id = e.vector_id
                    WHERE s.item_id = ? AND e.model_id = ? ORDER BY s.ordinal, e.window
                    """,
                arguments: [itemID, modelID]
            ).compactMap { row in
                guard case .blob(let bytes) = (row[0] as DatabaseValue).storage else { return nil }
                return VectorCoding.decodeChecked(bytes, dimension: dimension)
            }
        }
    }
}
