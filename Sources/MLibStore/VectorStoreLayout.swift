/// Where each column of a vector store file lies.
///
/// A store file is a 128-byte header followed by columns, each starting on a 64-byte
/// boundary, `count` entries each: segment-window row ids (`segment_vectors.id`,
/// ascending), segment ids, item ids, windows, kinds, int8 scales, the int8 rows and
/// the float32 rows (both `stride` elements wide, zero-padded). Everything is
/// little-endian, as is every machine mlib runs on.
///
/// Header: magic `MLIBVST1`, version, dimension, stride, count, model id, generation,
/// the highest row id the store has seen, and the library's id.
struct VectorStoreLayout: Equatable {
    static let magic: [UInt8] = Array("MLIBVST1".utf8)
    static let version: UInt32 = 1
    static let headerSize = 128
    static let libraryIDLength = 32

    let count: Int
    let dimension: Int
    let stride: Int

    init(count: Int, dimension: Int) {
        self.count = count
        self.dimension = dimension
        self.stride = VectorKernels.stride(for: dimension)
    }

    private static func aligned(_ offset: Int) -> Int { (offset + 63) / 64 * 64 }

    var rowIDs: Int { Self.headerSize }
    var segmentIDs: Int { Self.aligned(rowIDs + count * 8) }
    var itemIDs: Int { Self.aligned(segmentIDs + count * 8) }
    var windows: Int { Self.aligned(itemIDs + count * 8) }
    var kinds: Int { Self.aligned(windows + count * 4) }
    var scales: Int { Self.aligned(kinds + count) }
    var int8Rows: Int { Self.aligned(scales + count * 4) }
    var floatRows: Int { Self.aligned(int8Rows + count * stride) }
    var totalSize: Int { Self.aligned(floatRows + count * stride * 4) }
}

/// The header of a store file.
struct VectorStoreHeader: Equatable {
    var dimension: Int
    var count: Int
    var modelID: Int64
    var generation: Int64
    /// The highest `segment_vectors.id` of the model when the store was built.
    var lastRowID: Int64
    var libraryID: String

    func write(to base: UnsafeMutableRawPointer) {
        let layout = VectorStoreLayout(count: count, dimension: dimension)
        for (offset, byte) in VectorStoreLayout.magic.enumerated() { base.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self) }
        base.storeBytes(of: VectorStoreLayout.version, toByteOffset: 8, as: UInt32.self)
        base.storeBytes(of: UInt32(dimension), toByteOffset: 12, as: UInt32.self)
        base.storeBytes(of: UInt32(layout.stride), toByteOffset: 16, as: UInt32.self)
        base.storeBytes(of: UInt64(count), toByteOffset: 24, as: UInt64.self)
        base.storeBytes(of: modelID, toByteOffset: 32, as: Int64.self)
        base.storeBytes(of: generation, toByteOffset: 40, as: Int64.self)
        base.storeBytes(of: lastRowID, toByteOffset: 48, as: Int64.self)
        let id = Array(libraryID.utf8.prefix(VectorStoreLayout.libraryIDLength))
        for index in 0..<VectorStoreLayout.libraryIDLength {
            base.storeBytes(of: index < id.count ? id[index] : 0, toByteOffset: 56 + index, as: UInt8.self)
        }
    }

    /// The header at `base`, or nil when the bytes are not a store of this version
    /// or do not fit `length`.
    static func read(from base: UnsafeRawPointer, length: Int) -> VectorStoreHeader? {
        guard length >= VectorStoreLayout.headerSize,
            (0..<8).allSatisfy({ base.load(fromByteOffset: $0, as: UInt8.self) == VectorStoreLayout.magic[$0] }),
            base.loadUnaligned(fromByteOffset: 8, as: UInt32.self) == VectorStoreLayout.version
        else { return nil }
        let dimension = Int(base.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        let count = base.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        guard dimension > 0, dimension < 1 << 16, count < 1 << 40 else { return nil }
        let layout = VectorStoreLayout(count: Int(count), dimension: dimension)
        guard Int(base.loadUnaligned(fromByteOffset: 16, as: UInt32.self)) == layout.stride, layout.totalSize == length else {
            return nil
        }
        let idBytes = (0..<VectorStoreLayout.libraryIDLength).map { base.load(fromByteOffset: 56 + $0, as: UInt8.self) }
        return VectorStoreHeader(
            dimension: dimension, count: Int(count), modelID: base.loadUnaligned(fromByteOffset: 32, as: Int64.self),
            generation: base.loadUnaligned(fromByteOffset: 40, as: Int64.self),
            lastRowID: base.loadUnaligned(fromByteOffset: 48, as: Int64.self),
            libraryID: String(decoding: idBytes.prefix { $0 != 0 }, as: UTF8.self))
    }
}
