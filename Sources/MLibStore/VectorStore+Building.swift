import Foundation
import GRDB
import MLibCore

extension VectorStore {
    /// A row read from SQLite for a store.
    struct SourceRow {
        var rowID: Int64
        var segmentID: Int64
        var window: Int
        var itemID: Int64
        var kind: ItemKind
        var vector: [Float]
    }

    /// What a build found: the store, and the vectors it left out as damaged.
    struct Built {
        var store: VectorStore
        var damagedVectorIDs: [Int64]
    }

    /// Builds the store of `model` from the library in one read transaction. Rows of
    /// `previous` (an older store of the same model and library) that still exist are
    /// copied from it; only rows added since are read from SQLite.
    static func build(model: StoredModel, db: Database, previous: VectorStore?) throws -> Built {
        let generation = try Int64.fetchOne(db, sql: "SELECT generation FROM models WHERE id = ?", arguments: [model.id]) ?? 0
        let libraryID = try String.fetchOne(db, sql: "SELECT value FROM library_info WHERE key = 'library_id'") ?? ""
        let lastRowID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM segment_vectors WHERE model_id = ?", arguments: [model.id]) ?? 0
        let reuse = previous.flatMap { $0.header.libraryID == libraryID && $0.dimension == model.dimension ? $0 : nil }
        let after = reuse?.header.lastRowID ?? 0

        // Rows of the previous store that still exist, by their row numbers there.
        var kept: [Int] = []
        if let reuse {
            let survivors = try Row.fetchCursor(
                db, sql: "SELECT id FROM segment_vectors WHERE model_id = ? AND id <= ? ORDER BY id", arguments: [model.id, after])
            var row = 0
            let base = reuse.buffer.base
            let rowIDs = reuse.layout.rowIDs
            while let survivor = try survivors.next() {
                guard let id = Int64.fromDatabaseValue(survivor[0]) else { continue }
                while row < reuse.count && base.loadUnaligned(fromByteOffset: rowIDs + row * 8, as: Int64.self) < id { row += 1 }
                if row < reuse.count && base.loadUnaligned(fromByteOffset: rowIDs + row * 8, as: Int64.self) == id { kept.append(row) }
            }
        }

        var fresh: [SourceRow] = []
        var damaged: [Int64] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT sv.id, sv.segment_id, sv.window, s.item_id, i.kind, v.id, v.vector FROM segment_vectors sv
                JOIN segments s ON s.id = sv.segment_id JOIN items i ON i.id = s.item_id JOIN vectors v ON v.id = sv.vector_id
                WHERE sv.model_id = ? AND sv.id > ? AND i.status = 'indexed' ORDER BY sv.id
                """,
            arguments: [model.id, after])
        while let row = try rows.next() {
            guard case .blob(let bytes) = (row[6] as DatabaseValue).storage,
                let vector = VectorCoding.decodeChecked(bytes, dimension: model.dimension),
                let rowID = Int64.fromDatabaseValue(row[0]), let segmentID = Int64.fromDatabaseValue(row[1]),
                let itemID = Int64.fromDatabaseValue(row[3])
            else {
                if let vectorID = Int64.fromDatabaseValue(row[5]) { damaged.append(vectorID) }
                continue
            }
            fresh.append(
                SourceRow(
                    rowID: rowID, segmentID: segmentID, window: Int.fromDatabaseValue(row[2]) ?? 0, itemID: itemID,
                    kind: ItemKind(rawValue: String.fromDatabaseValue(row[4]) ?? "") ?? .text, vector: vector))
        }

        let header = VectorStoreHeader(
            dimension: model.dimension, count: kept.count + fresh.count, modelID: model.id, generation: generation,
            lastRowID: lastRowID, libraryID: libraryID)
        let layout = VectorStoreLayout(count: header.count, dimension: header.dimension)
        let buffer = StoreBuffer.owned(length: layout.totalSize) { base in
            header.write(to: base)
            if let reuse { copy(rows: kept, from: reuse, into: base, layout: layout) }
            for (offset, row) in fresh.enumerated() {
                write(row, at: kept.count + offset, into: base, layout: layout)
            }
        }
        return Built(store: VectorStore(buffer: buffer, header: header), damagedVectorIDs: damaged)
    }

    private static func copy(rows: [Int], from source: VectorStore, into base: UnsafeMutableRawPointer, layout: VectorStoreLayout) {
        let from = source.buffer.base
        let old = source.layout
        for (target, row) in rows.enumerated() {
            (base + layout.rowIDs + target * 8).copyMemory(from: from + old.rowIDs + row * 8, byteCount: 8)
            (base + layout.segmentIDs + target * 8).copyMemory(from: from + old.segmentIDs + row * 8, byteCount: 8)
            (base + layout.itemIDs + target * 8).copyMemory(from: from + old.itemIDs + row * 8, byteCount: 8)
            (base + layout.windows + target * 4).copyMemory(from: from + old.windows + row * 4, byteCount: 4)
            (base + layout.kinds + target).copyMemory(from: from + old.kinds + row, byteCount: 1)
            (base + layout.scales + target * 4).copyMemory(from: from + old.scales + row * 4, byteCount: 4)
            (base + layout.int8Rows + target * layout.stride).copyMemory(from: from + old.int8Rows + row * old.stride, byteCount: layout.stride)
            (base + layout.floatRows + target * layout.stride * 4).copyMemory(
                from: from + old.floatRows + row * old.stride * 4, byteCount: layout.stride * 4)
        }
    }

    private static func write(_ row: SourceRow, at index: Int, into base: UnsafeMutableRawPointer, layout: VectorStoreLayout) {
        base.storeBytes(of: row.rowID, toByteOffset: layout.rowIDs + index * 8, as: Int64.self)
        base.storeBytes(of: row.segmentID, toByteOffset: layout.segmentIDs + index * 8, as: Int64.self)
        base.storeBytes(of: row.itemID, toByteOffset: layout.itemIDs + index * 8, as: Int64.self)
        base.storeBytes(of: Int32(clamping: row.window), toByteOffset: layout.windows + index * 4, as: Int32.self)
        base.storeBytes(of: code(row.kind), toByteOffset: layout.kinds + index, as: UInt8.self)
        let (values, scale) = VectorKernels.int8Row(row.vector)
        base.storeBytes(of: scale, toByteOffset: layout.scales + index * 4, as: Float.self)
        values.withUnsafeBytes { bytes in
            (base + layout.int8Rows + index * layout.stride).copyMemory(from: bytes.baseAddress!, byteCount: min(bytes.count, layout.stride))
        }
        row.vector.withUnsafeBytes { bytes in
            (base + layout.floatRows + index * layout.stride * 4).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
    }

    /// The store saved at `path`, if its header is sound and it belongs to `modelID`.
    static func open(path: String, modelID: Int64) -> VectorStore? {
        guard let buffer = StoreBuffer.mapping(path: path),
            let header = VectorStoreHeader.read(from: buffer.base, length: buffer.length), header.modelID == modelID
        else { return nil }
        let layout = VectorStoreLayout(count: header.count, dimension: header.dimension)
        // Every search reads the whole int8 column and its scales.
        buffer.prefetch(layout.scales..<layout.floatRows)
        return VectorStore(buffer: buffer, header: header)
    }
}
