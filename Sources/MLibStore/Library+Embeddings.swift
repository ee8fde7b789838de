import Foundation
import GRDB
public import MLibCore

extension Library {
    /// Fields whose text is embedded: names and technical metadata are noise to a
    /// sentence model, and stay with the word index.
    public static let embeddedFields: [EvidenceField] = [.title, .body, .keywords, .subtitle]

    /// Up to `limit` text segments with no vector from `model`, in id order after
    /// `afterSegmentID`.
    public func segmentsToEmbed(model: String, after afterSegmentID: Int64 = 0, limit: Int) throws(LibraryError) -> [EmbeddingTarget] {
        let fields = Self.embeddedFields.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.item_id, s.field, s.text, s.start FROM segments s
                    WHERE s.id > ? AND s.modality = 'text' AND s.field IN (\(fields)) AND s.text <> ''
                      AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.segment_id = s.id AND e.model = ?)
                    ORDER BY s.id LIMIT ?
                    """,
                arguments: [afterSegmentID, model, limit]
            ).map { row in
                EmbeddingTarget(
                    segmentID: try row.decode(at: 0, of: "segments"), itemID: try row.decode(at: 1, of: "segments"),
                    field: EvidenceField(rawValue: row.text(at: 2) ?? "") ?? .body, text: row.text(at: 3) ?? "",
                    start: try row.decodeIfPresent(at: 4, of: "segments"))
            }
        }
    }

    /// How many text segments have no vector from `model`.
    public func countSegmentsToEmbed(model: String) throws(LibraryError) -> Int {
        let fields = Self.embeddedFields.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM segments s
                    WHERE s.modality = 'text' AND s.field IN (\(fields)) AND s.text <> ''
                      AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.segment_id = s.id AND e.model = ?)
                    """,
                arguments: [model]) ?? 0
        }
    }

    /// Vectors cached for these text hashes and `model`, keyed by hash.
    public func cachedVectors(textHashes: [[UInt8]], model: String) throws(LibraryError) -> [[UInt8]: [Float]] {
        guard !textHashes.isEmpty else { return [:] }
        return try read { db in
            var found: [[UInt8]: [Float]] = [:]
            let statement = try db.cachedStatement(
                sql: "SELECT vector FROM embedding_cache WHERE text_hash = ? AND model = ?")
            for hash in textHashes {
                if let data = try Data.fetchOne(statement, arguments: [Data(hash), model]) {
                    found[hash] = VectorCoding.decode(data)
                }
            }
            return found
        }
    }

    /// Stores segment vectors and caches each by its text hash, in one transaction.
    ///
    /// Returns the segments that got vectors: not those rewritten or removed since
    /// their text was read.
    @discardableResult
    public func storeVectors(
        _ vectors: [SegmentVector], cache: [(textHash: [UInt8], vector: [Float])], model: String
    ) throws(LibraryError) -> Set<Int64> {
        try write { db in
            var stored: Set<Int64> = []
            // Another process (or the watcher's ingest) may have rewritten the segment
            // since its text was read; a vector is kept only for the text it was made from.
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO embeddings (segment_id, model, window, dimension, vector)
                    SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM segments WHERE id = ? AND text = ?)
                    """)
            for vector in vectors {
                try insert.execute(arguments: [
                    vector.segmentID, model, vector.window, vector.vector.count, VectorCoding.encode(vector.vector),
                    vector.segmentID, vector.segmentText,
                ])
                if db.changesCount > 0 { stored.insert(vector.segmentID) }
            }
            let remember = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO embedding_cache (text_hash, model, dimension, vector) VALUES (?, ?, ?, ?)")
            for entry in cache {
                try remember.execute(arguments: [Data(entry.textHash), model, entry.vector.count, VectorCoding.encode(entry.vector)])
            }
            return stored
        }
    }

    /// Removes the vectors of every model but `model` (after the user changed models).
    public func removeVectors(otherThan model: String) throws(LibraryError) {
        try write { db in
            try db.execute(sql: "DELETE FROM embeddings WHERE model <> ?", arguments: [model])
        }
    }

    /// How many vectors `model` has in the library.
    public func vectorCount(model: String) throws(LibraryError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM embeddings WHERE model = ?", arguments: [model]) ?? 0 }
    }

    /// Every vector of `model` with its segment's item and the item's kind, for
    /// building the vector index.
    public func forEachVector(
        model: String,
        _ body: (_ segmentID: Int64, _ window: Int, _ itemID: Int64, _ kind: ItemKind, _ vector: [Float]) -> Void
    ) throws(LibraryError) {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT e.segment_id, e.window, s.item_id, i.kind, e.vector FROM embeddings e
                    JOIN segments s ON s.id = e.segment_id JOIN items i ON i.id = s.item_id
                    WHERE e.model = ? AND i.status = 'indexed'
                    """,
                arguments: [model])
            while let row = try rows.next() {
                body(
                    try row.decode(at: 0, of: "embeddings"), try row.decode(at: 1, of: "embeddings"),
                    try row.decode(at: 2, of: "segments"), ItemKind(rawValue: row.text(at: 3) ?? "") ?? .text,
                    VectorCoding.decode(try row.decode(at: 4, of: "embeddings")))
            }
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

    static func decode(_ data: Data) -> [Float] {
        let count = data.count / 4
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                // The vectors are little-endian, as is every machine mlib runs on.
                _ = memcpy(buffer.baseAddress!, raw.baseAddress!, count * 4)
            }
            initialized = count
        }
    }
}
