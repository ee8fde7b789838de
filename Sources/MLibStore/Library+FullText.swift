public import MLibCore

extension Library {
    /// bm25 weights of the `item_fts` columns: title, body, keywords, subtitle, name,
    /// metadata, ocr, colour. A title word counts ten body words; a keyword four; text
    /// read off a picture as much as a body word, as OCR can misread; a colour name
    /// half, as it is a hint, not a description.
    public static let fieldWeights: [Double] = [10.0, 1.0, 4.0, 2.0, 3.0, 1.5, 1.0, 0.5]

    static var bm25Call: String {
        "bm25(item_fts, " + fieldWeights.map { String($0) }.joined(separator: ", ") + ")"
    }

    /// Items whose words match an FTS5 `expression`; see `LibraryReader.matchWords`.
    public func matchWords(_ expression: String, kind: ItemKind?, limit: Int) throws(LibraryError) -> [FullTextMatch] {
        try reading { try $0.matchWords(expression, kind: kind, limit: limit) }
    }

    /// Items whose CJK text holds every substring; see `LibraryReader.matchCJK`.
    public func matchCJK(_ substrings: [String], kind: ItemKind?, limit: Int) throws(LibraryError) -> [FullTextMatch] {
        try reading { try $0.matchCJK(substrings, kind: kind, limit: limit) }
    }
}
