import Foundation
import GRDB

extension Library {
    /// Where thumbnails live: beside the library, never inside it.
    public var thumbnailFolder: String { cacheFolder + "/thumbnails" }

    /// The thumbnail of the content with hex SHA-256 `contentHash` (one file per
    /// content, so copies of a photo share it and a moved file keeps it).
    public func thumbnailPath(contentHash: String) -> String {
        "\(thumbnailFolder)/\(contentHash.prefix(2))/\(contentHash).jpg"
    }

    /// The thumbnail of a video's frame at `time` seconds, made on demand.
    public func frameThumbnailPath(contentHash: String, time: Double) -> String {
        "\(thumbnailFolder)/\(contentHash.prefix(2))/\(contentHash)@\(Int((time * 1000).rounded())).jpg"
    }

    /// Removes the thumbnails (and frame thumbnails) of these contents where no item
    /// holds them any more: after items were removed or their files changed.
    public func removeThumbnails(ofContentHashes hashes: Set<String>) throws(LibraryError) {
        let candidates = hashes.filter { !$0.isEmpty }
        guard !candidates.isEmpty, FileManager.default.fileExists(atPath: thumbnailFolder) else { return }
        let kept = try read { db in
            Set(try String.fetchAll(
                db, sql: "SELECT content_hash FROM items WHERE content_hash IN (\(candidates.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(Array(candidates))))
        }
        for hash in candidates.subtracting(kept) {
            let folder = "\(thumbnailFolder)/\(hash.prefix(2))"
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasPrefix(hash) {
                try? FileManager.default.removeItem(atPath: folder + "/" + file)
            }
        }
    }

    /// Removes thumbnails whose content no item holds any more (items removed, or
    /// changed since); returns how many went.
    @discardableResult
    public func sweepThumbnails() throws(LibraryError) -> Int {
        let manager = FileManager.default
        guard let shards = try? manager.contentsOfDirectory(atPath: thumbnailFolder) else { return 0 }
        let kept = try contentHashes()
        var removed = 0
        for shard in shards {
            let folder = thumbnailFolder + "/" + shard
            for file in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
                let hash = file.split(whereSeparator: { $0 == "." || $0 == "@" }).first.map(String.init) ?? ""
                if !kept.contains(hash), (try? manager.removeItem(atPath: folder + "/" + file)) != nil { removed += 1 }
            }
        }
        return removed
    }
}

extension Library {
    /// The content hash of each of these items that has one, by item id.
    public func contentHashes(itemIDs: [Int64]) throws(LibraryError) -> [Int64: String] {
        guard !itemIDs.isEmpty else { return [:] }
        return try read { db in
            var hashes: [Int64: String] = [:]
            let marks = Array(repeating: "?", count: itemIDs.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, content_hash FROM items WHERE content_hash IS NOT NULL AND id IN (\(marks))",
                arguments: StatementArguments(itemIDs))
            for row in rows {
                if let id: Int64 = row[0], let hash: String = row[1] { hashes[id] = hash }
            }
            return hashes
        }
    }
}
