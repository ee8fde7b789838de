import Foundation
import GRDB
import MLibCore

extension Library {
    /// Writes a batch of file outcomes in one transaction: new items are inserted,
    /// known paths updated in place, moves keep their item id.
    ///
    /// Returns the item ids, in the order of `records`.
    @discardableResult
    public func write(_ records: [IndexRecord]) throws(LibraryError) -> [Int64] {
        let now = ISO8601DateFormatter().string(from: Date())
        return try write { db in
            var ids: [Int64] = []
            ids.reserveCapacity(records.count)
            for record in records {
                ids.append(try Self.write(record, at: now, in: db))
            }
            return ids
        }
    }

    private static func write(_ record: IndexRecord, at now: String, in db: Database) throws -> Int64 {
        let pathBytes = Data(record.path.bytes)
        // A row already at the target path that is not the item being moved is replaced.
        if let moved = record.continuesItemID {
            try removeItem(at: record.path, unless: moved, in: db)
        }
        let existing: Int64? =
            if let moved = record.continuesItemID {
                try Int64.fetchOne(db, sql: "SELECT id FROM items WHERE id = ?", arguments: [moved])
            } else {
                try Int64.fetchOne(db, sql: "SELECT id FROM items WHERE path = ?", arguments: [pathBytes])
            }

        var status = "indexed"
        var kind: String?
        var mime: String?
        var title: String?
        var duration: Double?
        var metadata = "{}"
        switch record.outcome {
        case .indexed(let extraction):
            kind = extraction.kind.rawValue
            mime = extraction.mime
            title = extraction.title
            duration = extraction.duration
            metadata = MetadataCoding.encode(extraction.metadata)
        case .failed(_, _, let guessedKind):
            status = "failed"
            kind = guessedKind?.rawValue
        }
        let state = record.state
        let arguments: StatementArguments = [
            pathBytes, record.path.string, status, kind, mime, title, duration,
            state.size, state.modificationTimeNanoseconds, Int64(bitPattern: state.inode),
            Int64(bitPattern: state.device), record.contentHash, metadata, now,
        ]
        let id: Int64
        if let existing {
            try db.execute(
                sql: """
                    UPDATE items SET path = ?, path_text = ?, status = ?, kind = ?, mime = ?, title = ?,
                        duration = ?, size = ?, mtime_ns = ?, inode = ?, device = ?, content_hash = ?,
                        metadata = ?, indexed_at = ?
                    WHERE id = ?
                    """,
                arguments: arguments + [existing])
            id = existing
            try clearEvidence(of: id, in: db)
        } else {
            try db.execute(
                sql: """
                    INSERT INTO items (path, path_text, status, kind, mime, title, duration, size, mtime_ns,
                        inode, device, content_hash, metadata, indexed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: arguments)
            id = db.lastInsertedRowID
        }

        switch record.outcome {
        case .indexed(let extraction):
            try insertEvidence(extraction.segments, of: id, in: db)
        case .failed(let code, let reason, _):
            try db.execute(
                sql: "INSERT INTO failures (item_id, code, reason, failed_at) VALUES (?, ?, ?, ?)",
                arguments: [id, code, reason, now])
        }
        return id
    }

    /// Text of one segment as the word indexes see it.
    typealias IndexedText = (field: EvidenceField, modality: Modality, text: String)

    /// Removes an item's segments, failure and index rows, leaving the item row.
    static func clearEvidence(of id: Int64, in db: Database) throws {
        let old = try Row.fetchAll(
            db, sql: "SELECT field, modality, text FROM segments WHERE item_id = ? ORDER BY ordinal", arguments: [id]
        ).map { row -> IndexedText in
            (field: EvidenceField(rawValue: row.text(at: 0) ?? "") ?? .body, modality: Modality(rawValue: row.text(at: 1) ?? "") ?? .text,
             text: row.text(at: 2) ?? "")
        }
        try unindexWords(old, of: id, in: db)
        try db.execute(sql: "DELETE FROM segments WHERE item_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM failures WHERE item_id = ?", arguments: [id])
    }

    static func insertEvidence(_ segments: [SegmentDraft], of id: Int64, in db: Database) throws {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO segments (item_id, ordinal, field, modality, text, start, "end")
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for (ordinal, segment) in segments.enumerated() {
            try insert.execute(arguments: [
                id, ordinal, segment.field.rawValue, segment.modality.rawValue, segment.text,
                segment.start, segment.end,
            ])
        }
        try indexWords(segments.map { (field: $0.field, modality: $0.modality, text: $0.text) }, of: id, in: db)
    }

    /// Adds an item's text to the word index and its CJK runs to the trigram index.
    static func indexWords(_ segments: [IndexedText], of id: Int64, in db: Database) throws {
        let columns = WordIndexColumns(segments)
        guard !columns.isEmpty else { return }
        try db.execute(
            sql: "INSERT INTO item_fts (rowid, \(WordIndexColumns.columnList)) VALUES (?\(String(repeating: ", ?", count: WordIndexColumns.fields.count)))",
            arguments: StatementArguments([id as any DatabaseValueConvertible] + columns.values))
        let cjk = segments.lazy.filter { $0.modality == .text }.flatMap { CJKText.runs(in: $0.text) }
        if !cjk.isEmpty {
            try db.execute(
                sql: "INSERT INTO item_cjk (rowid, text) VALUES (?, ?)",
                arguments: [id, cjk.joined(separator: "\n")])
        }
    }

    /// Fills an empty word index from every item's segments (the CJK index is kept).
    static func refillWordIndex(in db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT item_id, field, modality, text FROM segments ORDER BY item_id, ordinal")
        var current: Int64?
        var segments: [IndexedText] = []
        func flush() throws {
            guard let id = current else { return }
            let columns = WordIndexColumns(segments)
            guard !columns.isEmpty else { return }
            try db.execute(
                sql: "INSERT INTO item_fts (rowid, \(WordIndexColumns.columnList)) VALUES (?\(String(repeating: ", ?", count: WordIndexColumns.fields.count)))",
                arguments: StatementArguments([id as any DatabaseValueConvertible] + columns.values))
        }
        while let row = try rows.next() {
            let id: Int64 = try row.decode(at: 0, of: "segments")
            if id != current {
                try flush()
                current = id
                segments = []
            }
            segments.append(
                (field: EvidenceField(rawValue: row.text(at: 1) ?? "") ?? .body, modality: Modality(rawValue: row.text(at: 2) ?? "") ?? .text,
                 text: row.text(at: 3) ?? ""))
        }
        try flush()
    }

    /// Takes an item's text out of both word indexes, given exactly the segments
    /// that were indexed: the word index keeps no text, so its row goes by handing
    /// back what was indexed (FTS5's 'delete' command).
    static func unindexWords(_ segments: [IndexedText], of id: Int64, in db: Database) throws {
        let old = WordIndexColumns(segments)
        if !old.isEmpty {
            try db.execute(
                sql: """
                    INSERT INTO item_fts (item_fts, rowid, \(WordIndexColumns.columnList))
                    VALUES ('delete', ?\(String(repeating: ", ?", count: WordIndexColumns.fields.count)))
                    """,
                arguments: StatementArguments([id as any DatabaseValueConvertible] + old.values))
        }
        try db.execute(sql: "DELETE FROM item_cjk WHERE rowid = ?", arguments: [id])
    }

    /// Removes the item stored at `path`, if it is not item `keep`, with its word-index rows.
    static func removeItem(at path: RawPath, unless keep: Int64, in db: Database) throws {
        guard
            let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM items WHERE path = ? AND id <> ?", arguments: [Data(path.bytes), keep])
        else { return }
        try clearEvidence(of: id, in: db)
        try db.execute(sql: "DELETE FROM items WHERE id = ?", arguments: [id])
    }

    /// Removes the items with these ids and everything stored about them.
    public func removeItems(ids: [Int64]) throws(LibraryError) {
        guard !ids.isEmpty else { return }
        try write { db in
            for id in ids {
                try Self.clearEvidence(of: id, in: db)
                try db.execute(sql: "DELETE FROM items WHERE id = ?", arguments: [id])
            }
        }
    }
}
