/// A small, forgiving XML tokenizer for XMP packets.
///
/// Foundation's `XMLParser` on Linux traps on some damaged packets, and XMP needs
/// little of XML: tags, attributes, text, CDATA and the predefined and numeric
/// entities. DOCTYPEs, comments and processing instructions are skipped, so no
/// entity is ever expanded from the file. Malformed input ends the scan; what came
/// before it is kept.
struct XMPScanner {
    enum Event {
        case start(name: String, attributes: [String: String])
        case end(name: String)
        case text(String)
    }

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Calls `handle` for each tag and run of text in `packet`, in order.
    static func scan<C: Collection<UInt8>>(_ packet: C, _ handle: (Event) -> Void) {
        var scanner = XMPScanner(Array(packet))
        scanner.run(handle)
    }

    private mutating func run(_ handle: (Event) -> Void) {
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else {
                let end = index(of: "<", from: position) ?? bytes.count
                handle(.text(Self.decodeEntities(bytes[position..<end])))
                position = end
                continue
            }
            if starts(with: "<![CDATA[") {
                guard let end = index(of: "]]>", from: position + 9) else { return }
                handle(.text(String(decoding: bytes[(position + 9)..<end], as: UTF8.self)))
                position = end + 3
            } else if starts(with: "<!--") {
                guard let end = index(of: "-->", from: position + 4) else { return }
                position = end + 3
            } else if starts(with: "<?") {
                guard let end = index(of: "?>", from: position + 2) else { return }
                position = end + 2
            } else if starts(with: "<!") {
                guard let end = index(of: ">", from: position + 2) else { return }
                position = end + 1
            } else if starts(with: "</") {
                guard let end = index(of: ">", from: position + 2) else { return }
                handle(.end(name: Self.trimmed(bytes[(position + 2)..<end])))
                position = end + 1
            } else {
                guard scanStartTag(handle) else { return }
            }
        }
    }

    /// Reads `<name attr="value" …>` or `<name …/>`; false if it is malformed.
    private mutating func scanStartTag(_ handle: (Event) -> Void) -> Bool {
        position += 1
        let name = scanName()
        guard !name.isEmpty else { return false }
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                handle(.start(name: name, attributes: attributes))
                return true
            case UInt8(ascii: "/"):
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { return false }
                position += 2
                handle(.start(name: name, attributes: attributes))
                handle(.end(name: name))
                return true
            default:
                let attribute = scanName()
                skipSpace()
                guard !attribute.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                    return false
                }
                position += 1
                skipSpace()
                guard position < bytes.count,
                    bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
                else { return false }
                let quote = bytes[position]
                guard let end = bytes[(position + 1)...].firstIndex(of: quote) else { return false }
                attributes[attribute] = Self.decodeEntities(bytes[(position + 1)..<end])
                position = end + 1
            }
        }
    }

    private mutating func scanName() -> String {
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<"):
                return String(decoding: bytes[start..<position], as: UTF8.self)
            default:
                position += 1
            }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func starts(with ascii: String) -> Bool {
        let pattern = Array(ascii.utf8)
        return bytes.count - position >= pattern.count
            && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
    }

    private func index(of ascii: String, from start: Int) -> Int? {
        let pattern = Array(ascii.utf8)
        guard let first = pattern.first, start < bytes.count else { return nil }
        var candidate = start
        while let found = bytes[candidate...].firstIndex(of: first) {
            if bytes.count - found < pattern.count { return nil }
            if bytes[found..<(found + pattern.count)].elementsEqual(pattern) { return found }
            candidate = found + 1
        }
        return nil
    }

    private static func trimmed(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice, as: UTF8.self).filter { !$0.isWhitespace }
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#233;` and `&#xE9;`; anything
    /// else is left as written.
    static func decodeEntities(_ slice: ArraySlice<UInt8>) -> String {
        let text = String(decoding: slice, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                var code: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    code = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    code = UInt32(name.dropFirst())
                }
                replacement = code.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            if let replacement {
                out += replacement
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
