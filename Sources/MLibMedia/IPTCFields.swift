import MLibCore

/// The IPTC-IIM values mlib reads: object name (a title), caption and keywords.
///
/// Text is UTF-8 when record 1:90 says so (`ESC % G`), otherwise Windows-1252
/// (Latin-1 with curly quotes), as exiftool reads it.
struct IPTCFields: Equatable {
    var title: String?
    var caption: String?
    var keywords: [String] = []

    var isEmpty: Bool { title == nil && caption == nil && keywords.isEmpty }

    init(title: String? = nil, caption: String? = nil, keywords: [String] = []) {
        self.title = title
        self.caption = caption
        self.keywords = keywords
    }

    /// Reads the IIM block (resource 0x0404) from Photoshop image resources.
    init(photoshopResources bytes: [UInt8]) {
        self.init()
        guard let block = Self.resource(0x0404, in: ImageBytes(bytes)) else { return }
        self.init(records: block)
    }

    /// Parses IIM datasets: `0x1C`, record, dataset, length, value.
    init(records: ArraySlice<UInt8>) {
        self.init()
        let bytes = ImageBytes(Array(records))
        var raw: [(dataset: UInt8, value: ArraySlice<UInt8>)] = []
        var utf8 = false
        var position = 0
        while bytes[position] == 0x1C, let record = bytes[position + 1], let dataset = bytes[position + 2],
            var length = bytes.uint16(at: position + 3, bigEndian: true)
        {
            position += 5
            if length & 0x8000 != 0 {  // extended dataset: the length of the length
                let size = length & 0x7FFF
                guard size <= 4, let extended = ExifFields.unsigned(bytes.storage, at: position, size: size, bigEndian: true)
                else { break }
                length = extended
                position += size
            }
            guard let value = bytes.bytes(at: position, count: length) else { break }
            position += length
            if record == 1, dataset == 90 {
                utf8 = value.elementsEqual([0x1B, 0x25, 0x47])
            } else if record == 2 {
                raw.append((dataset, value))
            }
        }
        for (dataset, value) in raw {
            guard let text = ExifFields.trimmed(utf8 ? String(decoding: value, as: UTF8.self) : Self.windows1252(value))
            else { continue }
            switch dataset {
            case 5: title = title ?? text
            case 120: caption = caption ?? text
            case 25 where !keywords.contains(text): keywords.append(text)
            default: break
            }
        }
    }

    /// The data of Photoshop image resource `id` (`8BIM` blocks).
    static func resource(_ id: Int, in bytes: ImageBytes) -> ArraySlice<UInt8>? {
        var position = 0
        while bytes.matches("8BIM", at: position), let resourceID = bytes.uint16(at: position + 4, bigEndian: true),
            let nameLength = bytes[position + 6]
        {
            let nameField = (Int(nameLength) + 2) & ~1  // length byte + name, padded to even
            guard let size = bytes.uint32(at: position + 6 + nameField, bigEndian: true) else { return nil }
            let start = position + 6 + nameField + 4
            if resourceID == id {
                // A block cut short by its segment still yields its whole datasets.
                return bytes.storage[min(start, bytes.count)..<min(start + size, bytes.count)]
            }
            position = start + size + (size & 1)
        }
        return nil
    }

    /// Bytes as Windows-1252; 0x80–0x9F hold punctuation there, controls in Latin-1.
    static func windows1252<C: Collection<UInt8>>(_ bytes: C) -> String {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
            0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var out = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(out)
    }

    /// The `iptc` metadata object, with only the members that have values.
    var json: JSONValue? {
        var object: [String: JSONValue] = [:]
        if let title { object["title"] = .string(title) }
        if let caption { object["caption"] = .string(caption) }
        if !keywords.isEmpty { object["keywords"] = .array(keywords.map(JSONValue.string)) }
        return object.isEmpty ? nil : .object(object)
    }
}
