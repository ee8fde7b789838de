import Foundation
import GRDB
public import MLibCore

extension Library {
    /// The files the library knows at `root` or inside it, for an incremental scan.
    ///
    /// Read on the writer's connection, which does not map the file: a scan touches
    /// the items table all over the file, and through a mapping every page nearby
    /// would count as the indexer's memory.
    public func storedFiles(under root: RawPath) throws(LibraryError) -> [StoredFile] {
        let exact = Data(root.bytes)
        let folder = root.bytes.last == UInt8(ascii: "/") ? root.bytes : root.bytes + [UInt8(ascii: "/")]
        // Every path inside `folder` sorts between "folder/" and "folder0" ('0' follows '/').
        let upper = Array(folder.dropLast()) + [UInt8(ascii: "0")]
        return try write { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, path, size, mtime_ns, inode, device, content_hash, status, kind,
                           CASE WHEN kind IN ('image', 'video') THEN json_extract(metadata, '$.picture_reading') END
                    FROM items WHERE path = ? OR (path >= ? AND path < ?)
                    """,
                arguments: [exact, Data(folder), Data(upper)])
            var files: [StoredFile] = []
            while let row = try rows.next() {
                files.append(
                    StoredFile(
                        itemID: try row.decode(at: 0, of: "items"), path: RawPath(bytes: try row.bytes(at: 1, of: "items")),
                        state: FileState(
                            size: try row.decode(at: 2, of: "items"), modificationTimeNanoseconds: try row.decode(at: 3, of: "items"),
                            inode: UInt64(bitPattern: try row.decode(at: 4, of: "items")),
                            device: UInt64(bitPattern: try row.decode(at: 5, of: "items"))),
                        contentHash: row.text(at: 6), failed: row.text(at: 7) == "failed",
                        pictureReading: ItemKind(rawValue: row.text(at: 8) ?? "").flatMap { kind in
                            kind == .text ? nil : (kind, row.text(at: 9))
                        }))
            }
            return files
        }
    }

    /// The item with this id, if any.
    public func item(id: Int64) throws(LibraryError) -> StoredItem? {
        try read { db in
            try Row.fetchOne(db, sql: Self.itemSelect + " WHERE items.id = ?", arguments: [id]).map { try Self.item(from: $0) }
        }
    }

    /// The item at this exact path, if any.
    public func item(path: RawPath) throws(LibraryError) -> StoredItem? {
        try read { db in
            try Row.fetchOne(db, sql: Self.itemSelect + " WHERE items.path = ?", arguments: [Data(path.bytes)])
                .map { try Self.item(from: $0) }
        }
    }

    /// An item's segments in order.
    public func segments(itemID: Int64) throws(LibraryError) -> [StoredSegment] {
        try reading { try $0.segments(itemID: itemID) }
    }

    /// Counts by kind and status, and the file's size.
    public func status() throws(LibraryError) -> LibraryStatus {
        let version = try schemaVersion()
        return try read { db in
            var status = LibraryStatus(
                total: 0, text: 0, image: 0, video: 0, failed: 0, segments: 0, fileSize: 0, schemaVersion: version)
            let rows = try Row.fetchAll(db, sql: "SELECT status, kind, count(*) FROM items GROUP BY status, kind")
            for row in rows {
                let count: Int = try row.decode(at: 2, of: "items")
                status.total += count
                if row.text(at: 0) == "failed" {
                    status.failed += count
                    continue
                }
                switch ItemKind(rawValue: row.text(at: 1) ?? "") {
                case .text: status.text += count
                case .image: status.image += count
                case .video: status.video += count
                case nil: break
                }
            }
            status.segments = try Int.fetchOne(db, sql: "SELECT count(*) FROM segments") ?? 0
            status.fileSize = [path, path + "-wal"].reduce(Int64(0)) { sum, file in
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
                return sum + (size ?? 0)
            }
            return status
        }
    }

    /// Every failed file with its reason, by path.
    public func failures() throws(LibraryError) -> [FailureRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT items.id, items.path, failures.code, failures.reason FROM failures
                    JOIN items ON items.id = failures.item_id ORDER BY items.path
                    """
            ).map { row in
                FailureRecord(
                    itemID: try row.decode(at: 0, of: "items"), path: RawPath(bytes: try row.bytes(at: 1, of: "items")),
                    code: row.text(at: 2) ?? "", reason: row.text(at: 3) ?? "")
            }
        }
    }

    static let itemSelect = """
        SELECT items.id, items.path, items.status, items.kind, items.mime, items.title, items.duration,
            items.size, items.mtime_ns, items.inode, items.device, items.content_hash, items.metadata,
            items.indexed_at, failures.code, failures.reason
        FROM items LEFT JOIN failures ON failures.item_id = items.id
        """

    /// The item in a row of `itemSelect`; throws `DamagedValue` for a value of the
    /// wrong type, and reads text leniently.
    static func item(from row: Row) throws -> StoredItem {
        try StoredItem(
            id: row.decode(at: 0, of: "items"), path: RawPath(bytes: row.bytes(at: 1, of: "items")),
            status: StoredItem.Status(rawValue: row.text(at: 2) ?? "") ?? .failed,
            kind: row.text(at: 3).flatMap(ItemKind.init(rawValue:)), mime: row.text(at: 4), title: row.text(at: 5),
            duration: row.decodeIfPresent(at: 6, of: "items"),
            state: FileState(
                size: row.decode(at: 7, of: "items"), modificationTimeNanoseconds: row.decode(at: 8, of: "items"),
                inode: UInt64(bitPattern: row.decode(at: 9, of: "items")),
                device: UInt64(bitPattern: row.decode(at: 10, of: "items"))),
            contentHash: row.text(at: 11), metadata: MetadataCoding.decode(row.text(at: 12) ?? "{}"),
            indexedAt: row.text(at: 13) ?? "",
            failureCode: row.text(at: 14), failureReason: row.text(at: 15))
    }
}
