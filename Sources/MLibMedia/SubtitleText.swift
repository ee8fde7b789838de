/// Turns the bytes of a subtitle cue into the plain text a person reads.
///
/// Subtitles carry markup meant for the renderer: ASS override blocks (`{\i1}`), ASS
/// line breaks (`\N`), HTML-ish tags in SubRip and WebVTT (`<i>`, `<font color=…>`,
/// `<c.yellow>`, `<00:01.500>`) and entities (`&amp;`). None of it is evidence.
enum SubtitleText {
    /// How the text sits in a demuxed subtitle packet.
    enum Payload {
        /// The packet is the cue text (SubRip, WebVTT, plain text).
        case plain
        /// 3GPP timed text: a big-endian 16-bit length, the UTF-8 text, then style boxes.
        case movText
        /// An ASS event as Matroska stores it:
        /// `ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text`.
        case assEvent
    }

    /// The readable text of one demuxed subtitle packet; empty when it shows nothing.
    static func text(ofPacket bytes: [UInt8], payload: Payload) -> String {
        switch payload {
        case .plain:
            return clean(decode(bytes))
        case .movText:
            guard bytes.count >= 2 else { return "" }
            let length = min(Int(bytes[0]) << 8 | Int(bytes[1]), bytes.count - 2)
            return clean(decode(bytes[2..<(2 + length)]))
        case .assEvent:
            // The text is everything after the eighth comma; it may hold commas itself.
            var commas = 0
            var start = bytes.endIndex
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: ",") {
                commas += 1
                if commas == 8 {
                    start = index + 1
                    break
                }
            }
            return clean(decode(bytes[start...]), ass: true)
        }
    }

    /// Decodes subtitle bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else Latin-1.
    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let data = Array(bytes)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(decoding: data.dropFirst(3), as: UTF8.self)
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let littleEndian = data[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(data.count / 2)
            var index = 2
            while index + 1 < data.count {
                let (low, high) = littleEndian ? (data[index], data[index + 1]) : (data[index + 1], data[index])
                units.append(UInt16(high) << 8 | UInt16(low))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if let text = String(validating: data, as: UTF8.self) {
            return text
        }
        // Old subtitle files are often Latin-1 or Windows-1252; Latin-1 never fails.
        return String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) }))
    }

    /// The text without markup: tags, override blocks and entities removed, one line per
    /// line of the cue, blank lines and surrounding spaces dropped.
    ///
    /// `ass` also removes every `{…}` block (ASS shows none of them) and treats `\n`
    /// as a line break; elsewhere only `{\…}` blocks, which some SubRip files carry, go.
    static func clean(_ raw: String, ass: Bool = false) -> String {
        let scalars = Array(raw.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "{" where ass || next == "\\":
                if let close = scalars[index...].firstIndex(of: "}") {
                    index = close + 1
                    continue
                }
            case "\\" where next == "N" || (ass && next == "n"):
                out.append("\n")
                index += 2
                continue
            case "\\" where next == "h":
                out.append(" ")
                index += 2
                continue
            case "<" where !ass && next.map(startsTag) == true:
                if let close = scalars[(index + 1)...].firstIndex(where: { $0 == ">" || $0 == "<" || $0 == "\n" }),
                    scalars[close] == ">"
                {
                    index = close + 1
                    continue
                }
            case "&" where !ass:
                if let (replacement, length) = entity(in: scalars, at: index) {
                    out.append(contentsOf: replacement.unicodeScalars)
                    index += length
                    continue
                }
            default:
                break
            }
            out.append(scalar)
            index += 1
        }
        return String(out)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    private static func startsTag(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "/" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "lrm": "", "rlm": "",
    ]

    /// The entity starting at `start` (`&amp;`, `&#233;`, `&#xE9;`) and how many scalars it spans.
    private static func entity(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        guard let semicolon = scalars[start...].prefix(12).firstIndex(of: ";") else { return nil }
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<semicolon]))
        let length = semicolon - start + 1
        if let named = entities[name] { return (named, length) }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value =
            digits.first == "x" || digits.first == "X"
            ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return (String(scalar), length)
    }
}

extension Substring {
    /// The text without spaces, tabs and carriage returns at either end.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
