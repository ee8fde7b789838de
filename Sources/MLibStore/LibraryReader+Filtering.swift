import GRDB

extension LibraryReader {
    /// Which of `itemIDs` match a word-index expression (and contain every CJK run).
    ///
    /// For filters that apply to every recall channel (`--all-words`): an item found
    /// by meaning stays only if it also holds the words.
    public func items(_ itemIDs: Set<Int64>, matchingWords expression: String?, cjk substrings: [String]) throws -> Set<Int64> {
        guard !itemIDs.isEmpty else { return [] }
        var kept = itemIDs
        let ids = Array(itemIDs)
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        if let expression {
            var arguments: StatementArguments = [expression]
            _ = arguments.append(contentsOf: StatementArguments(ids))
            kept = Set(try Int64.fetchAll(db, sql: "SELECT rowid FROM item_fts WHERE item_fts MATCH ? AND rowid IN (\(marks))", arguments: arguments))
        }
        for substring in substrings {
            var arguments: StatementArguments = [substring]
            _ = arguments.append(contentsOf: StatementArguments(ids))
            let holding = Set(try Int64.fetchAll(
                db, sql: "SELECT rowid FROM item_cjk WHERE instr(text, ?) > 0 AND rowid IN (\(marks))", arguments: arguments))
            kept.formIntersection(holding)
        }
        return kept
    }
}
