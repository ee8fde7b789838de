/// Turns a note's bytes into text, guessing the encoding the way editors do.
///
/// A byte-order mark wins (UTF-8, UTF-16 and UTF-32 in either byte order); then
/// UTF-16 without a mark if every other byte is NUL; then UTF-8; and when the bytes
/// are not UTF-8, Windows-1252, the superset of Latin-1 that old Windows and Mac
/// editors wrote. Decoding never fails: what cannot be read becomes U+FFFD.
enum TextDecoding {
    /// A Unicode encoding and how many bytes its mark takes at the start of a file.
    struct Mark: Equatable {
        var encoding: String
        var length: Int
    }

    /// Decoded text, its line endings made `\n`, and the encoding's name.
    struct Decoded {
        var text: String
        /// Lower-case, as in HTTP: `utf-8`, `utf-16le`, `windows-1252`.
        var encoding: String
    }

    /// The byte-order mark `bytes` start with, if any.
    static func byteOrderMark(_ bytes: some Collection<UInt8>) -> Mark? {
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return Mark(encoding: "utf-8", length: 3) }
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return Mark(encoding: "utf-32le", length: 4) }
        if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return Mark(encoding: "utf-32be", length: 4) }
        if head.starts(with: [0xFF, 0xFE]) { return Mark(encoding: "utf-16le", length: 2) }
        if head.starts(with: [0xFE, 0xFF]) { return Mark(encoding: "utf-16be", length: 2) }
        return nil
    }

    /// Decodes `bytes`; `truncated` says the read stopped early, so a character cut
    /// in half at the end is dropped rather than counted against the encoding.
    static func decode(_ bytes: [UInt8], truncated: Bool = false) -> Decoded {
        let encoding: String
        var body = bytes[...]
        if let mark = byteOrderMark(bytes) {
            encoding = mark.encoding
            body = body.dropFirst(mark.length)
        } else if let wide = unmarkedUTF16(bytes) {
            encoding = wide
        } else {
            if truncated { body = dropIncompleteUTF8Tail(body) }
            encoding = isMostlyUTF8(body) ? "utf-8" : "windows-1252"
        }
        var text: String
        switch encoding {
        case "utf-16le", "utf-16be":
            text = decodeUTF16(body, bigEndian: encoding == "utf-16be")
        case "utf-32le", "utf-32be":
            text = decodeUTF32(body, bigEndian: encoding == "utf-32be")
        case "windows-1252":
            text = decodeWindows1252(body)
        default:
            text = String(decoding: body, as: UTF8.self)
        }
        if truncated, text.last == "\u{FFFD}" { text.removeLast() }
        return Decoded(text: clean(text), encoding: encoding)
    }

    // MARK: Guessing

    /// `utf-16le` or `utf-16be` when most bytes at odd (or even) offsets are NUL, as
    /// in mark-less UTF-16 of Latin script; `nil` otherwise.
    static func unmarkedUTF16(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(4096)
        guard sample.count >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample.count / 2
        if oddZeros * 10 >= half * 7, evenZeros * 10 <= half { return "utf-16le" }
        if evenZeros * 10 >= half * 7, oddZeros * 10 <= half { return "utf-16be" }
        return nil
    }

    /// Whether the bytes are UTF-8, allowing a few broken sequences in text that is
    /// plainly UTF-8 elsewhere (one bad byte should not turn every accent to mojibake).
    static func isMostlyUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        if String(validating: bytes, as: UTF8.self) != nil { return true }
        var good = 0
        var bad = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar.value >= 0x80 { good += 1 }
            case .error: bad += 1
            case .emptyInput: break loop
            }
        }
        return good >= 4 * bad
    }

    /// `bytes` without a final multi-byte UTF-8 sequence that lacks its last bytes.
    static func dropIncompleteUTF8Tail(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        // Look back at most three bytes for the lead byte of the last sequence.
        var index = bytes.endIndex
        var continuation = 0
        while index > bytes.startIndex, continuation < 4 {
            index -= 1
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 {
                continuation += 1
                continue
            }
            let needed: Int
            switch byte {
            case 0xC0...0xDF: needed = 1
            case 0xE0...0xEF: needed = 2
            case 0xF0...0xF7: needed = 3
            default: return bytes
            }
            return continuation < needed ? bytes[..<index] : bytes
        }
        return bytes
    }

    // MARK: Decoders

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    static func decodeUTF32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        var index = bytes.startIndex
        while index + 3 < bytes.endIndex {
            let quad = bytes[index..<(index + 4)].map(UInt32.init)
            let value = bigEndian
                ? quad[0] << 24 | quad[1] << 16 | quad[2] << 8 | quad[3]
                : quad[3] << 24 | quad[2] << 16 | quad[1] << 8 | quad[0]
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            index += 4
        }
        return String(scalars)
    }

    /// Windows-1252's 0x80–0x9F; the five bytes it leaves undefined keep their
    /// Latin-1 (C1 control) meaning and are cleaned away later.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Line endings as `\n`; NUL, other control characters and stray byte-order
    /// marks removed, so the index and the terminal only ever see printable text.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !previousWasCR { out.append("\n") }
            case 0x09, 0x0C: out.append(scalar)
            case 0x00, 0xFEFF: continue
            case 0x01...0x1F, 0x7F...0x9F: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
