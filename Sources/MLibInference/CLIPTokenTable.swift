import Foundation

/// A BPE vocabulary's tokens by id and ids by token, over one buffer of UTF-8 bytes.
///
/// Read straight from the bytes of `vocab.json` (a JSON object of token → id): no
/// `String` or JSON object is made per token, and lookups hash the bytes of the
/// question (FNV-1a, open addressing), so a 49,408-token vocabulary loads in a few
/// milliseconds.
struct CLIPTokenTable: Sendable {
    private let bytes: [UInt8]
    /// Where token `id` starts in `bytes`, and its length (-1 for an id no token has).
    private let starts: [Int32]
    private let lengths: [Int32]
    /// Ids by hash, -1 for an empty slot; the count is a power of two.
    private let slots: [Int32]

    /// The table a `vocab.json` holds, or nil when it is not a non-empty JSON object of
    /// strings to non-negative integers.
    init?(json data: Data) {
        var buffer: [UInt8] = []
        var entries: [(start: Int32, length: Int32, id: Int32)] = []
        let parsed = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            guard reader.skip(0x7B) else { return false }  // {
            if reader.skip(0x7D) { return false }  // an empty vocabulary is no vocabulary
            repeat {
                let start = buffer.count
                guard reader.readString(into: &buffer), reader.skip(0x3A), let id = reader.readInteger() else { return false }
                entries.append((Int32(start), Int32(buffer.count - start), id))
            } while reader.skip(0x2C)
            return reader.skip(0x7D) && reader.atEnd
        }
        guard parsed, let largest = entries.map(\.id).max() else { return nil }
        var starts = [Int32](repeating: 0, count: Int(largest) + 1)
        var lengths = [Int32](repeating: -1, count: Int(largest) + 1)
        for entry in entries {
            starts[Int(entry.id)] = entry.start
            lengths[Int(entry.id)] = entry.length
        }
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        buffer.withUnsafeBufferPointer { bytes in
            for entry in entries {
                let token = UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.start + entry.length)])
                var slot = Self.hash(token) & (capacity - 1)
                while slots[slot] >= 0 {
                    let other = slots[slot]
                    if lengths[Int(other)] == entry.length,
                       token.elementsEqual(bytes[Int(starts[Int(other)])..<Int(starts[Int(other)] + entry.length)]) {
                        break  // the same token twice: the later id wins, as in a JSON object
                    }
                    slot = (slot + 1) & (capacity - 1)
                }
                slots[slot] = entry.id
            }
        }
        self.bytes = buffer
        self.starts = starts
        self.lengths = lengths
        self.slots = slots
    }

    /// The number of ids, the largest plus one.
    var count: Int { starts.count }

    /// The id of the token spelled by `token`'s UTF-8 bytes.
    func id(of token: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = slots.count - 1
        var slot = Self.hash(token) & mask
        return bytes.withUnsafeBufferPointer { bytes in
            while true {
                let id = slots[slot]
                guard id >= 0 else { return nil }
                let length = Int(lengths[Int(id)])
                if length == token.count {
                    let start = Int(starts[Int(id)])
                    if length == 0 || memcmp(bytes.baseAddress! + start, token.baseAddress!, length) == 0 { return id }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The id of `token`.
    func id(of token: String) -> Int32? {
        var token = token
        return token.withUTF8 { id(of: $0) }
    }

    /// The string of `id` (empty for an id no token has).
    func token(of id: Int32) -> String {
        let length = Int(lengths[Int(id)])
        guard length > 0 else { return "" }
        let start = Int(starts[Int(id)])
        return String(decoding: bytes[start..<(start + length)], as: UTF8.self)
    }

    /// FNV-1a over the bytes, folded to a non-negative Int.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29)) & Int.max
    }

    /// A cursor over JSON text: just enough for an object of strings to integers.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return index == bytes.count
            }
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// Consumes `byte` (after white space) if it is next.
        mutating func skip(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A non-negative integer that fits an Int32.
        mutating func readInteger() -> Int32? {
            skipSpace()
            var value: Int64 = 0
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]), value < Int64(Int32.max) {
                value = value * 10 + Int64(bytes[index] - 0x30)
                index += 1
            }
            guard index > start, value < Int64(Int32.max) else { return nil }
            return Int32(value)
        }

        /// A JSON string, its UTF-8 bytes appended to `buffer`.
        mutating func readString(into buffer: inout [UInt8]) -> Bool {
            guard skip(0x22) else { return false }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0x22:
                    return true
                case 0x5C:
                    guard index < bytes.count else { return false }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case 0x22, 0x5C, 0x2F: buffer.append(escape)
                    case 0x62: buffer.append(0x08)
                    case 0x66: buffer.append(0x0C)
                    case 0x6E: buffer.append(0x0A)
                    case 0x72: buffer.append(0x0D)
                    case 0x74: buffer.append(0x09)
                    case 0x75:
                        guard var scalar = readHex() else { return false }
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard skipLiteral(0x5C), skipLiteral(0x75), let low = readHex(), (0xDC00..<0xE000).contains(low) else { return false }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let value = Unicode.Scalar(scalar) else { return false }
                        buffer.append(contentsOf: UTF8.encode(value)!)
                    default: return false
                    }
                default:
                    buffer.append(byte)
                }
            }
            return false
        }

        private mutating func skipLiteral(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        private mutating func readHex() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
    }
}
