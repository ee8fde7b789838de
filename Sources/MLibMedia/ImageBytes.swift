#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An image file's bytes (or its head) with bounds-checked reads.
///
/// Every read past the end gives `nil` instead of trapping, so parsers of untrusted
/// files can treat "too short" as data, not as a crash.
struct ImageBytes {
    let storage: [UInt8]
    /// Whether `storage` holds the whole file; when only the head was read, running
    /// past the end is not proof of truncation.
    let isWholeFile: Bool

    init(_ storage: [UInt8], isWholeFile: Bool = true) {
        self.storage = storage
        self.isWholeFile = isWholeFile
    }

    var count: Int { storage.count }

    subscript(offset: Int) -> UInt8? {
        offset >= 0 && offset < storage.count ? storage[offset] : nil
    }

    /// Whether `count` bytes starting at `offset` lie inside the buffer.
    func contains(_ offset: Int, count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= storage.count && count <= storage.count - offset
    }

    func uint16(at offset: Int, bigEndian: Bool) -> Int? {
        guard contains(offset, count: 2) else { return nil }
        let a = Int(storage[offset]), b = Int(storage[offset + 1])
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    func uint24LE(at offset: Int) -> Int? {
        guard contains(offset, count: 3) else { return nil }
        return Int(storage[offset]) | Int(storage[offset + 1]) << 8 | Int(storage[offset + 2]) << 16
    }

    func uint32(at offset: Int, bigEndian: Bool) -> Int? {
        guard contains(offset, count: 4) else { return nil }
        var value = 0
        for index in 0..<4 {
            let byte = Int(storage[offset + (bigEndian ? index : 3 - index)])
            value = value << 8 | byte
        }
        return value
    }

    func uint64BE(at offset: Int) -> UInt64? {
        guard contains(offset, count: 8) else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(storage[offset + index]) }
        return value
    }

    /// The bytes in `offset ..< offset + count`, if they are all there.
    func bytes(at offset: Int, count: Int) -> ArraySlice<UInt8>? {
        guard contains(offset, count: count) else { return nil }
        return storage[offset..<(offset + count)]
    }

    /// Whether the bytes at `offset` spell `ascii` (which may hold `\0`).
    func matches(_ ascii: String, at offset: Int) -> Bool {
        let pattern = Array(ascii.utf8)
        guard contains(offset, count: pattern.count) else { return false }
        return storage[offset..<(offset + pattern.count)].elementsEqual(pattern)
    }

    /// The first offset at or after `start` where `pattern` occurs.
    func firstOffset(of pattern: [UInt8], from start: Int = 0) -> Int? {
        guard let head = pattern.first else { return nil }
        var position = start
        while let candidate = firstOffset(of: head, from: position) {
            guard contains(candidate, count: pattern.count) else { return nil }
            if storage[candidate..<(candidate + pattern.count)].elementsEqual(pattern) { return candidate }
            position = candidate + 1
        }
        return nil
    }

    /// The first offset at or after `start` holding `byte`.
    func firstOffset(of byte: UInt8, from start: Int) -> Int? {
        guard start >= 0, start < storage.count else { return nil }
        return storage.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base + start, Int32(byte), raw.count - start)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }
}
