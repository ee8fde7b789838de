extension ImageContainer {
    /// The most text one PNG text chunk may inflate to; metadata is far smaller.
    static let pngTextLimit = 16 << 20

    /// Keywords of the raw profiles mlib reads, lowercased: EXIF (`APP1` in older
    /// ImageMagick), XMP, IPTC-IIM records and Photoshop resources.
    static let rawProfileNames: Set<String> = Set(["exif", "app1", "xmp", "iptc", "8bim"].map { "raw profile type " + $0 })

    /// Reads a PNG text chunk (`tEXt`, `zTXt` or `iTXt`) that carries metadata,
    /// inflating it if compressed: the XMP packet of `XML:com.adobe.xmp`, or one of
    /// ImageMagick's "Raw profile type …" chunks, where it keeps the EXIF, XMP and
    /// IPTC of a file it converted (see `rawProfile`). `nil` for other chunks.
    static func pngMetadataText(_ data: ArraySlice<UInt8>, type: String) -> (keyword: String, text: [UInt8])? {
        guard let nul = data.prefix(80).firstIndex(of: 0) else { return nil }
        let keyword = String(decoding: data[..<nul], as: UTF8.self)
        // Other profiles (ICC, comments) can be large; they are never inflated.
        guard keyword == "XML:com.adobe.xmp" || rawProfileNames.contains(keyword.lowercased()) else { return nil }
        var index = nul + 1
        switch type {
        case "tEXt":
            return (keyword, Array(data[index...]))
        case "zTXt":
            guard index < data.endIndex, data[index] == 0 else { return nil }  // method 0: zlib
            return Zlib.inflate(data[(index + 1)...], limit: pngTextLimit).map { (keyword, $0) }
        case "iTXt":
            guard index + 2 <= data.endIndex else { return nil }
            let compressed = data[index] == 1
            guard !compressed || data[index + 1] == 0 else { return nil }
            index += 2
            for _ in 0..<2 {  // language tag, translated keyword
                guard let end = data[index...].firstIndex(of: 0) else { return nil }
                index = end + 1
            }
            guard compressed else { return (keyword, Array(data[index...])) }
            return Zlib.inflate(data[index...], limit: pngTextLimit).map { (keyword, $0) }
        default:
            return nil
        }
    }

    /// The bytes of an ImageMagick raw profile: a newline, the profile's name, a
    /// newline, its length in bytes, then that many bytes as hex digits broken
    /// into lines. `nil` if the digits run out or are not hex.
    static func rawProfile(_ text: [UInt8]) -> [UInt8]? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var index = 0
        while index < text.count, isSpace(text[index]) { index += 1 }
        while index < text.count, !isSpace(text[index]) { index += 1 }  // the name
        while index < text.count, isSpace(text[index]) { index += 1 }
        var length = 0
        while index < text.count, (0x30...0x39).contains(text[index]), length <= text.count {
            length = length * 10 + Int(text[index] - 0x30)
            index += 1
        }
        guard length > 0, length <= text.count / 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var high: UInt8?
        while bytes.count < length, index < text.count {
            let byte = text[index]
            index += 1
            if isSpace(byte) { continue }
            guard let nibble = hexValue(byte) else { return nil }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes.count == length ? bytes : nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
