import GRDB
public import MLibCore

extension Library {
    /// bm25 weights of the `item_fts` columns: title, body, keywords, subtitle, name,
    /// metadata. A title word counts ten body words; a keyword four.
    public static let fieldWeights: [Double] = [10.0, 1.0, 4.0, 2.0, 3.0, 1.5]

    private static var bm25Call: String {
        "bm25(item_fts, " + fieldWeights.map { String($0) }.joined(separator: ", ") + ")"
    }

    /// Items whose words match an FTS5 `expression`, best first, ties by id.
    ///
    /// The expression must come from the search module's query builder, which
    /// quotes every term; this layer does not sanitise.
    public func matchWords(_ expression: String, kind: ItemKind?, limit: Int) throws(LibraryError) -> [FullTextMatch] {
        try read { db in
            let sql: String
            var arguments: StatementArguments = [expression]
            if let kind {
                sql = """
                    SELECT item_fts.rowid, \(Self.bm25Call) AS score FROM item_fts
                    JOIN items ON items.id = item_fts.rowid
                    WHERE item_fts MATCH ? AND items.kind = ?
                    ORDER BY score, item_fts.rowid LIMIT ?
                    """
                arguments += [kind.rawValue, limit]
            } else {
                sql = """
                    SELECT rowid, \(Self.bm25Call) AS score FROM item_fts
                    WHERE item_fts MATCH ? ORDER BY score, rowid LIMIT ?
                    """
                arguments += [limit]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                FullTextMatch(itemID: row[0], score: -(row[1] as Double))
            }
        }
    }

    /// Items whose CJK text contains every one of `substrings`.
    ///
    /// Substrings of three or more characters go through the trigram index; shorter
    /// ones, which trigrams cannot match, through a scan of the (small) CJK table.
    public func matchCJK(_ substrings: [String], kind: ItemKind?, limit: Int) throws(LibraryError) -> [FullTextMatch] {
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
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                FullTextMatch(itemID: row[0], score: -(row[1] as Double))
            }
        }
    }

    /// The best passage of each item for `expression`, matched words between
    /// `open` and `close`.
    public func snippets(
        _ expression: String, itemIDs: [Int64], open: String, close: String, tokens: Int = 16
    ) throws(LibraryError) -> [Int64: String] {
        guard !itemIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: itemIDs.count).joined(separator: ",")
        return try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, snippet(item_fts, -1, ?, ?, '…', ?) FROM item_fts
                    WHERE item_fts MATCH ? AND rowid IN (\(marks))
                    """,
                arguments: [open, close, tokens, expression] + StatementArguments(itemIDs))
            return Dictionary(rows.map { ($0[0] as Int64, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The best CJK passage of each item for trigram `substrings`.
    public func cjkSnippets(
        _ substrings: [String], itemIDs: [Int64], open: String, close: String
    ) throws(LibraryError) -> [Int64: String] {
        let long = substrings.filter { $0.count >= 3 }
        guard !itemIDs.isEmpty, !long.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: itemIDs.count).joined(separator: ",")
        return try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, snippet(item_cjk, 0, ?, ?, '…', 24) FROM item_cjk
                    WHERE item_cjk MATCH ? AND rowid IN (\(marks))
                    """,
                arguments: [open, close, long.map { "\"" + $0 + "\"" }.joined(separator: " ")]
                    + StatementArguments(itemIDs))
            return Dictionary(rows.map { ($0[0] as Int64, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
        }
    }
}
