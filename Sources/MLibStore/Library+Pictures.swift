import Foundation
import GRDB
import MLibCore

extension Library {
    /// Picture segments a model embeds: the image or frame itself, not a near-uniform
    /// frame (whose text says `uniform`).
    private static let pendingPictures = """
        s.field = 'picture' AND s.text = ''
          AND NOT EXISTS (SELECT 1 FROM segment_vectors e WHERE e.segment_id = s.id AND e.model_id = ?)
        """

    /// Up to `limit` items after `afterItemID`, in id order, with pictures that have no
    /// vector from the model.
    public func picturesToEmbed(modelID: Int64, after afterItemID: Int64 = 0, limit: Int) throws(LibraryError) -> [PictureTarget] {
        try read { db in
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.path, i.kind, i.content_hash, json_extract(i.metadata, '$.frame_rate_sampled') FROM items i
                    WHERE i.id IN (SELECT DISTINCT s.item_id FROM segments s WHERE s.item_id > ? AND \(Self.pendingPictures))
                      AND i.status = 'indexed' AND i.content_hash IS NOT NULL
                    ORDER BY i.id LIMIT ?
                    """,
                arguments: [afterItemID, modelID, limit])
            return try items.compactMap { row -> PictureTarget? in
                let itemID: Int64 = try row.decode(at: 0, of: "items")
                guard let kind = ItemKind(rawValue: row.text(at: 2) ?? ""), let hash = row.text(at: 3) else { return nil }
                let pictures = try Row.fetchAll(
                    db,
                    sql: "SELECT s.id, s.start FROM segments s WHERE s.item_id = ? AND \(Self.pendingPictures) ORDER BY s.start, s.id",
                    arguments: [itemID, modelID]
                ).map { PictureTarget.Picture(segmentID: try $0.decode(at: 0, of: "segments"), time: Double.fromDatabaseValue($0[1])) }
                return PictureTarget(
                    itemID: itemID, path: RawPath(bytes: [UInt8]((row[1] as Data?) ?? Data())), kind: kind, contentHash: hash,
                    frameRate: Double.fromDatabaseValue(row[4]), pictures: pictures)
            }
        }
    }

    /// How many picture segments have no vector from the model.
    public func countPicturesToEmbed(modelID: Int64) throws(LibraryError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM segments s WHERE \(Self.pendingPictures)", arguments: [modelID]) ?? 0
        }
    }

    /// Stores new picture vectors by content hash and points picture segments at them,
    /// in one transaction; a segment is given its vector only while its item still holds
    /// the content the picture was read from. Returns the segments that got vectors.
    @discardableResult
    public func storePictureVectors(
        _ pictures: [(segmentID: Int64, itemContentHash: String, vectorHash: [UInt8])],
        fresh: [(contentHash: [UInt8], vector: [Float])], modelID: Int64
    ) throws(LibraryError) -> Set<Int64> {
        try write { db in
            try Self.remember(fresh, modelID: modelID, in: db)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO segment_vectors (segment_id, model_id, window, vector_id)
                    SELECT ?, ?, 0, v.id FROM vectors v
                    WHERE v.model_id = ? AND v.content_hash = ?
                      AND EXISTS (SELECT 1 FROM segments s JOIN items i ON i.id = s.item_id
                                  WHERE s.id = ? AND s.field = 'picture' AND i.content_hash = ?)
                    """)
            var stored: Set<Int64> = []
            for picture in pictures {
                try insert.execute(arguments: [
                    picture.segmentID, modelID, modelID, Data(picture.vectorHash), picture.segmentID, picture.itemContentHash,
                ])
                if db.changesCount > 0 { stored.insert(picture.segmentID) }
            }
            return stored
        }
    }

    /// Whether any item has a picture a picture model could embed.
    public func hasPictures() throws(LibraryError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM segments WHERE field = 'picture')") ?? false }
    }

    /// Every content hash of the library's items: what thumbnails may stay.
    public func contentHashes() throws(LibraryError) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT content_hash FROM items WHERE content_hash IS NOT NULL")) }
    }
}
