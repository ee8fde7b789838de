import MLibCore

/// `file:` URIs (RFC 8089) made from, and read back into, raw path bytes.
///
/// Every byte outside a conservative safe set is percent-encoded, so any path,
/// including one with line breaks or bytes that are not UTF-8, becomes one line of
/// plain ASCII that decodes back to the same bytes.
enum FileURI {
    /// `file:///abs/path` for an absolute path; `file:rel/path` for a relative one,
    /// which RFC 8089 does not define but `decode` reads back.
    static func encode(_ path: RawPath) -> String {
        var out = path.isAbsolute ? "file://" : "file:"
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        for byte in path.bytes {
            if isSafe(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// The path bytes of a `file:` URI line, or nil when `line` is not a local `file:`
    /// URI (another scheme, or a host other than empty or `localhost`).
    ///
    /// Malformed percent escapes are kept as they are rather than rejected.
    static func decode(_ line: [UInt8]) -> RawPath? {
        let scheme = Array("file:".utf8)
        guard line.count >= scheme.count,
            zip(line, scheme).allSatisfy({ lowercased($0) == $1 })
        else { return nil }
        var rest = Array(line[scheme.count...])
        if rest.starts(with: Array("//".utf8)) {
            rest.removeFirst(2)
            let hostEnd = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            let host = rest[..<hostEnd].map(lowercased)
            guard host.isEmpty || host == Array("localhost".utf8) else { return nil }
            rest = Array(rest[hostEnd...])
        }
        return RawPath(bytes: percentDecoded(rest))
    }

    private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// RFC 3986 unreserved characters, `/`, and the sub-delimiters players leave alone.
    private static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("-._~/!$&'()*+,;=:@".utf8).contains(byte)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
