import Foundation
import GRDB
public import MLibCore

/// An item that now lives at another path: a file or folder was renamed or moved.
public struct ItemRelocation: Sendable, Hashable {
    public var itemID: Int64
    public var path: RawPath
    /// The words of the new path, for the item's `name` evidence ("" for none).
    public var nameWords: String

    public init(itemID: Int64, path: RawPath, nameWords: String) {
        self.itemID = itemID
        self.path = path
        self.nameWords = nameWords
    }
}

extension Library {
    /// Moves items to new paths in one transaction, keeping their ids, evidence and
    /// vectors; only the `name` evidence (and its word-index entry) is rewritten.
    ///
    /// Nothing is read from disk, so renaming a folder of videos costs a few row
    /// updates. A row already at a new path (left from an earlier run) is replaced.
    public func relocate(_ relocations: [ItemRelocation]) throws(LibraryError) {
        guard !relocations.isEmpty else { return }
        try write { db in
            for relocation in relocations {
                try Self.relocate(relocation, in: db)
            }
        }
    }

    private static func relocate(_ relocation: ItemRelocation, in db: Database) throws {
        let id = relocation.itemID
        try removeItem(at: relocation.path, unless: id, in: db)
        try db.execute(
            sql: "UPDATE items SET path = ?, path_text = ? WHERE id = ?",
            arguments: [Data(relocation.path.bytes), relocation.path.string, id])
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, ordinal, field, modality, text FROM segments WHERE item_id = ? ORDER BY ordinal",
            arguments: [id])
        guard !rows.isEmpty else { return }  // a failed item has no evidence to rename
        let segments = rows.map { row -> IndexedText in
            (field: EvidenceField(rawValue: row.text(at: 2) ?? "") ?? .body, modality: Modality(rawValue: row.text(at: 3) ?? "") ?? .text,
             text: row.text(at: 4) ?? "")
        }
        let nameIndex = segments.firstIndex { $0.field == .name }
        if let nameIndex, segments[nameIndex].text == relocation.nameWords { return }

        var renamed = segments
        if let nameIndex {
            let segmentID: Int64 = try rows[nameIndex].decode(at: 0, of: "segments")
            if relocation.nameWords.isEmpty {
                try db.execute(sql: "DELETE FROM segments WHERE id = ?", arguments: [segmentID])
                renamed.remove(at: nameIndex)
            } else {
                try db.execute(sql: "UPDATE segments SET text = ? WHERE id = ?", arguments: [relocation.nameWords, segmentID])
                renamed[nameIndex].text = relocation.nameWords
            }
        } else if !relocation.nameWords.isEmpty {
            let ordinal = (try rows.last?.decodeIfPresent(Int64.self, at: 1, of: "segments") ?? -1) + 1
            try db.execute(
                sql: "INSERT INTO segments (item_id, ordinal, field, modality, text) VALUES (?, ?, 'name', 'text', ?)",
                arguments: [id, ordinal, relocation.nameWords])
            renamed.append((field: .name, modality: .text, text: relocation.nameWords))
        }

        try unindexWords(segments, of: id, in: db)
        try indexWords(renamed, of: id, in: db)
    }
}
