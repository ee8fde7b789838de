import MLibCore

/// The EXIF values mlib indexes, decoded the way exiftool shows them.
///
/// Strings are trimmed of whitespace and NULs; empty ones are `nil`. GPS values
/// are signed decimal degrees and metres.
struct ExifFields: Equatable {
    /// `2024-06-01T14:03:22`, with the original offset (`-03:00`) when recorded:
    /// DateTimeOriginal, else DateTimeDigitized, else IFD0's DateTime, the only
    /// date many scanners and exporters write.
    var dateTaken: String?
    var make: String?
    var model: String?
    /// 1–8, as in the TIFF Orientation tag.
    var orientation: Int?
    var latitude: Double?
    var longitude: Double?
    var altitude: Double?
    var description: String?
    var userComment: String?
    var artist: String?
    var copyright: String?

    private typealias Key = ExifReader.Key

    private static let wanted: [Key] = [
        Key(directory: .image, tag: 0x010E),  // ImageDescription
        Key(directory: .image, tag: 0x010F),  // Make
        Key(directory: .image, tag: 0x0110),  // Model
        Key(directory: .image, tag: 0x0112),  // Orientation
        Key(directory: .image, tag: 0x0132),  // DateTime
        Key(directory: .image, tag: 0x013B),  // Artist
        Key(directory: .image, tag: 0x8298),  // Copyright
        Key(directory: .exif, tag: 0x9003),  // DateTimeOriginal
        Key(directory: .exif, tag: 0x9004),  // DateTimeDigitized
        Key(directory: .exif, tag: 0x9010),  // OffsetTime
        Key(directory: .exif, tag: 0x9011),  // OffsetTimeOriginal
        Key(directory: .exif, tag: 0x9012),  // OffsetTimeDigitized
        Key(directory: .exif, tag: 0x9286),  // UserComment
        Key(directory: .gps, tag: 1), Key(directory: .gps, tag: 2),  // latitude ref, value
        Key(directory: .gps, tag: 3), Key(directory: .gps, tag: 4),  // longitude ref, value
        Key(directory: .gps, tag: 5), Key(directory: .gps, tag: 6),  // altitude ref, value
    ]

    init() {}

    /// Reads the fields from an EXIF TIFF structure; all `nil` if there is none.
    init(tiff: ArraySlice<UInt8>) {
        guard let snapshot = ExifReader.snapshot(of: tiff, wanted: Self.wanted) else {
            self.init()
            return
        }
        self.init(snapshot)
    }

    /// Reads the fields from a TIFF file's own directories (see
    /// `ImageContainer.tiffEntries`); all `nil` if there are none.
    init(tiffFile bytes: ImageBytes) {
        guard let snapshot = ImageContainer.tiffEntries(bytes, wanted: Self.wanted) else {
            self.init()
            return
        }
        self.init(snapshot)
    }

    init(_ snapshot: ExifReader.Snapshot) {
        let order = snapshot.bigEndian
        func entry(_ directory: Key.Directory, _ tag: Int) -> ExifReader.Entry? {
            snapshot.entries[Key(directory: directory, tag: tag)]
        }
        func text(_ directory: Key.Directory, _ tag: Int) -> String? {
            entry(directory, tag).flatMap { Self.text($0.bytes.prefix { $0 != 0 }) }
        }
        description = text(.image, 0x010E)
        make = text(.image, 0x010F)
        model = text(.image, 0x0110)
        artist = text(.image, 0x013B)
        copyright = text(.image, 0x8298)
        if let value = entry(.image, 0x0112), value.format == 3,
            let number = Self.unsigned(value.bytes, at: 0, size: 2, bigEndian: order), (1...8).contains(number)
        {
            orientation = number
        }
        if let date = Self.isoDate(text(.exif, 0x9003)) {
            dateTaken = date + (Self.offset(text(.exif, 0x9011)) ?? "")
        } else if let date = Self.isoDate(text(.exif, 0x9004)) {
            dateTaken = date + (Self.offset(text(.exif, 0x9012)) ?? "")
        } else if let date = Self.isoDate(text(.image, 0x0132)) {
            dateTaken = date + (Self.offset(text(.exif, 0x9010)) ?? "")
        }
        userComment = entry(.exif, 0x9286).flatMap { Self.userComment($0.bytes, bigEndian: order) }
        if let degrees = entry(.gps, 2).flatMap({ Self.degrees($0, bigEndian: order) }), degrees <= 90 {
            latitude = text(.gps, 1)?.uppercased() == "S" ? -degrees : degrees
        }
        if let degrees = entry(.gps, 4).flatMap({ Self.degrees($0, bigEndian: order) }), degrees <= 180 {
            longitude = text(.gps, 3)?.uppercased() == "W" ? -degrees : degrees
        }
        if let value = entry(.gps, 6), value.format == 5,
            let metres = Self.rational(value.bytes, index: 0, bigEndian: order)
        {
            altitude = entry(.gps, 5)?.bytes.first == 1 ? -metres : metres
        }
    }

    // MARK: Decoding

    /// UTF-8 when the bytes are valid UTF-8 (as exiftool writes), Latin-1 otherwise.
    static func text<C: Collection<UInt8>>(_ bytes: C) -> String? {
        let decoded = String(validating: bytes, as: UTF8.self) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
        return trimmed(decoded)
    }

    static func trimmed(_ value: String) -> String? {
        func isPadding(_ character: Character) -> Bool { character.isWhitespace || character == "\0" }
        guard let first = value.firstIndex(where: { !isPadding($0) }),
            let last = value.lastIndex(where: { !isPadding($0) })
        else { return nil }
        return String(value[first...last])
    }

    /// `2024:06:01 14:03:22` → `2024-06-01T14:03:22`; `nil` for blank or zero dates.
    static func isoDate(_ value: String?) -> String? {
        guard let value else { return nil }
        let characters = Array(value.utf8.prefix(19))
        guard characters.count == 19 else { return nil }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        guard digitPositions.allSatisfy({ (0x30...0x39).contains(characters[$0]) }),
            [4, 7].allSatisfy({ characters[$0] == UInt8(ascii: ":") || characters[$0] == UInt8(ascii: "-") }),
            characters[10] == UInt8(ascii: " ") || characters[10] == UInt8(ascii: "T"),
            characters[13] == UInt8(ascii: ":"), characters[16] == UInt8(ascii: ":")
        else { return nil }
        let text = String(decoding: characters, as: UTF8.self)
        let year = text.prefix(4), month = text.dropFirst(5).prefix(2), day = text.dropFirst(8).prefix(2)
        guard year != "0000", month != "00", day != "00" else { return nil }
        return "\(year)-\(month)-\(day)T\(text.dropFirst(11))"
    }

    /// `+02:00` or `-03:00` as recorded in OffsetTime tags; `nil` otherwise.
    static func offset(_ value: String?) -> String? {
        guard let value, value.utf8.count == 6 else { return nil }
        let characters = Array(value.utf8)
        guard characters[0] == UInt8(ascii: "+") || characters[0] == UInt8(ascii: "-"),
            characters[3] == UInt8(ascii: ":"),
            [1, 2, 4, 5].allSatisfy({ (0x30...0x39).contains(characters[$0]) })
        else { return nil }
        return value
    }

    /// UserComment: an 8-byte character code, then the text.
    static func userComment(_ bytes: [UInt8], bigEndian: Bool) -> String? {
        guard bytes.count >= 8 else { return text(bytes) }
        let body = bytes[8...]
        if bytes.starts(with: Array("UNICODE\0".utf8)) {
            return trimmed(ucs2(body, bigEndian: bigEndian))
        }
        // ASCII, JIS and undefined (zeros): text up to the padding.
        return text(body.prefix { $0 != 0 })
    }

    /// UCS-2 in the EXIF byte order, unless a byte-order mark or the text says
    /// otherwise (many writers use little-endian whatever the EXIF order).
    static func ucs2(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var body = Array(bytes)
        var big = bigEndian
        if body.starts(with: [0xFE, 0xFF]) {
            big = true
            body.removeFirst(2)
        } else if body.starts(with: [0xFF, 0xFE]) {
            big = false
            body.removeFirst(2)
        } else {
            // ASCII-range characters have a zero high byte; where the zeros fall shows the order.
            var evenZeros = 0
            var oddZeros = 0
            for (index, byte) in body.enumerated() where byte == 0 {
                if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
            }
            if evenZeros > oddZeros * 2 { big = true } else if oddZeros > evenZeros * 2 { big = false }
        }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = 0
        while index + 1 < body.count {
            let pair = big
                ? UInt16(body[index]) << 8 | UInt16(body[index + 1])
                : UInt16(body[index + 1]) << 8 | UInt16(body[index])
            if pair == 0 { break }
            units.append(pair)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    static func unsigned(_ bytes: [UInt8], at offset: Int, size: Int, bigEndian: Bool) -> Int? {
        guard offset >= 0, offset + size <= bytes.count else { return nil }
        var value = 0
        for index in 0..<size {
            value = value << 8 | Int(bytes[offset + (bigEndian ? index : size - 1 - index)])
        }
        return value
    }

    /// The `index`-th unsigned RATIONAL; `nil` for a zero denominator.
    static func rational(_ bytes: [UInt8], index: Int, bigEndian: Bool) -> Double? {
        guard let numerator = unsigned(bytes, at: index * 8, size: 4, bigEndian: bigEndian),
            let denominator = unsigned(bytes, at: index * 8 + 4, size: 4, bigEndian: bigEndian), denominator != 0
        else { return nil }
        return Double(numerator) / Double(denominator)
    }

    /// Degrees, minutes and seconds as three RATIONALs → decimal degrees.
    static func degrees(_ entry: ExifReader.Entry, bigEndian: Bool) -> Double? {
        guard entry.format == 5, let degrees = rational(entry.bytes, index: 0, bigEndian: bigEndian) else {
            return nil
        }
        // Some writers leave minutes and seconds out or zero-over-zero.
        let minutes = rational(entry.bytes, index: 1, bigEndian: bigEndian) ?? 0
        let seconds = rational(entry.bytes, index: 2, bigEndian: bigEndian) ?? 0
        return degrees + minutes / 60 + seconds / 3600
    }
}
