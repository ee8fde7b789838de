import Foundation
import GRDB
public import MLibCore

/// Reads from the library inside one read transaction, so a search sees one
/// consistent snapshot and pays for one transaction, not one per query.
///
/// Valid only inside the closure given to `Library.reading(_:)`; never store it.
public struct LibraryReader {
    let db: Database

    /// Items whose words match an FTS5 `expression`, best first, ties by id.
    ///
    /// The expression must come from the search module's query builder, which
    /// quotes every term; this layer does not sanitise.
    public func matchWords(_ expression: String, kind: ItemKind?, limit: Int) throws -> [FullTextMatch] {
        let sql: String
        var arguments: StatementArguments = [expression]
        if let kind {
            sql = """
                SELECT item_fts.rowid, \(Library.bm25Call) AS score FROM item_fts
                JOIN items ON items.id = item_fts.rowid
                WHERE item_fts MATCH ? AND items.kind = ?
                ORDER BY score, item_fts.rowid LIMIT ?
                """
            arguments += [kind.rawValue, limit]
        } else {
            sql = """
                SELECT rowid, \(Library.bm25Call) AS score FROM item_fts
                WHERE item_fts MATCH ? ORDER BY score, rowid LIMIT ?
                """
            arguments += [limit]
        }
        return try fetch(sql, arguments) { row in
            FullTextMatch(itemID: try row.decode(at: 0, of: "item_fts"), score: -(try row.decode(Double.self, at: 1, of: "item_fts")))
        }
    }

    /// Items whose CJK text contains every one of `substrings`.
    ///
    /// Substrings of three or more characters go through the trigram index; shorter
    /// ones, which trigrams cannot match, through a scan of the (small) CJK table.
    public func matchCJK(_ substrings: [String], kind: ItemKind?, limit: Int) throws -> [FullTextMatch] {
        guard !substrings.isEmpty else { return [] }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        let long = substrings.filter { $0.count >= 3 }
        if !long.isEmpty {
            conditions.append("item_cjk MATCH ?")
            _ = arguments.append(contentsOf: [long.map { "\"" + $0 + "\"" }.joined(separator: " ")])
        }
        for short in substrings where short.count < 3 {
            // Not LIKE: SQLite 3.40's trigram index answers LIKE patterns shorter than
            // three characters with no rows at all, instead of scanning.
            conditions.append("instr(item_cjk.text, ?) > 0")
            _ = arguments.append(contentsOf: [short])
        }
        let score = long.isEmpty ? "0.0" : "bm25(item_cjk)"
        var sql = "SELECT item_cjk.rowid, \(score) AS score FROM item_cjk"
        if let kind {
            sql += " JOIN items ON items.id = item_cjk.rowid"
            conditions.append("items.kind = ?")
            _ = arguments.append(contentsOf: [kind.rawValue])
        }
        sql += " WHERE " + conditions.joined(separator: " AND ") + " ORDER BY score, item_cjk.rowid LIMIT ?"
        _ = arguments.append(contentsOf: [limit])
        return try fetch(sql, arguments) { row in
            FullTextMatch(itemID: try row.decode(at: 0, of: "item_cjk"), score: -(try row.decode(Double.self, at: 1, of: "item_cjk")))
        }
    }

    /// The indexed text of each item by field, for snippets.
    public func evidenceText(itemIDs: [Int64]) throws -> [Int64: [EvidenceField: String]] {
        guard !itemIDs.isEmpty else { return [:] }
        let rows = try Row.fetchCursor(
            try db.cachedStatement(
                sql: """
                    SELECT item_id, field, modality, text FROM segments
                    WHERE item_id IN (\(marks(itemIDs.count))) ORDER BY item_id, ordinal
                    """),
            arguments: StatementArguments(itemIDs))
        var segments: [Int64: [(field: EvidenceField, modality: Modality, text: String)]] = [:]
        while let row = try rows.next() {
            segments[try row.decode(Int64.self, at: 0, of: "segments"), default: []].append(
                (EvidenceField(rawValue: row.text(at: 1) ?? "") ?? .body, Modality(rawValue: row.text(at: 2) ?? "") ?? .text,
                 row.text(at: 3) ?? ""))
        }
        return segments.mapValues { itemSegments in
            let columns = WordIndexColumns(itemSegments)
            var texts: [EvidenceField: String] = [:]
            for field in WordIndexColumns.fields {
                if let text = columns.text(of: field) { texts[field] = text }
            }
            return texts
        }
    }

    /// Summaries of the indexed items with these ids, keyed by id, with metadata
    /// only when `metadata` is true.
    public func summaries(ids: [Int64], metadata: Bool) throws -> [Int64: ItemSummary] {
        guard !ids.isEmpty else { return [:] }
        let columns = "id, path, kind, mime, title, duration, mtime_ns" + (metadata ? ", metadata" : "")
        let summaries = try fetch(
            "SELECT \(columns) FROM items WHERE status = 'indexed' AND id IN (\(marks(ids.count)))",
            StatementArguments(ids)
        ) { row in
            ItemSummary(
                id: try row.decode(at: 0, of: "items"), path: RawPath(bytes: try row.bytes(at: 1, of: "items")),
                kind: ItemKind(rawValue: row.text(at: 2) ?? "") ?? .text, mime: row.text(at: 3) ?? "", title: row.text(at: 4),
                duration: try row.decodeIfPresent(at: 5, of: "items"),
                metadata: metadata ? MetadataCoding.decode(row.text(at: 7) ?? "{}") : [:],
                modifiedNanoseconds: try row.decodeIfPresent(at: 6, of: "items"))
        }
        return Dictionary(summaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An item's segments in order.
    public func segments(itemID: Int64) throws -> [StoredSegment] {
        try fetch(
            """
            SELECT id, ordinal, field, modality, text, start, "end" FROM segments
            WHERE item_id = ? ORDER BY ordinal
            """, [itemID], Self.segment(from:))
    }

    /// The segments with these ids, keyed by id (semantic evidence).
    public func segments(ids: [Int64]) throws -> [Int64: StoredSegment] {
        guard !ids.isEmpty else { return [:] }
        let segments = try fetch(
            "SELECT id, ordinal, field, modality, text, start, \"end\" FROM segments WHERE id IN (\(marks(ids.count)))",
            StatementArguments(ids), Self.segment(from:))
        return Dictionary(segments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Timed segments (subtitle cues, chapters) of several items, keyed by item id.
    public func timedSegments(itemIDs: [Int64]) throws -> [Int64: [StoredSegment]] {
        guard !itemIDs.isEmpty else { return [:] }
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, ordinal, field, modality, text, start, "end", item_id FROM segments
                WHERE item_id IN (\(marks(itemIDs.count))) AND start IS NOT NULL ORDER BY item_id, ordinal
                """,
            arguments: StatementArguments(itemIDs))
        var result: [Int64: [StoredSegment]] = [:]
        while let row = try rows.next() {
            result[try row.decode(Int64.self, at: 7, of: "segments"), default: []].append(try Self.segment(from: row))
        }
        return result
    }

    static func segment(from row: Row) throws -> StoredSegment {
        try StoredSegment(
            id: row.decode(at: 0, of: "segments"), ordinal: row.decode(at: 1, of: "segments"),
            field: EvidenceField(rawValue: row.text(at: 2) ?? "") ?? .body,
            modality: Modality(rawValue: row.text(at: 3) ?? "") ?? .text, text: row.text(at: 4) ?? "",
            start: row.decodeIfPresent(at: 5, of: "segments"), end: row.decodeIfPresent(at: 6, of: "segments"))
    }

    /// Maps each row of a query straight off the statement: fetching copied rows
    /// first cost more than the queries themselves.
    private func fetch<T>(_ sql: String, _ arguments: StatementArguments, _ transform: (Row) throws -> T) throws -> [T] {
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: arguments)
        var result: [T] = []
        while let row = try rows.next() { result.append(try transform(row)) }
        return result
    }

    private func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

extension Library {
    /// Runs `body` with a reader inside one read transaction.
    public func reading<T>(_ body: (LibraryReader) throws -> T) throws(LibraryError) -> T {
        try read { db in try body(LibraryReader(db: db)) }
    }
}
