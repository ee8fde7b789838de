import MLibCore

/// What an image file's container says before any pixel is decoded: its format,
/// its size, and where its EXIF, XMP and IPTC blocks lie.
///
/// Parsing walks headers and chunk tables only, so it is fast, and it notices files
/// that end early or do not follow their format (`Damage`).
struct ImageContainer {
    enum Format: String {
        case jpeg = "JPEG", png = "PNG", gif = "GIF", bmp = "BMP", tiff = "TIFF", webp = "WebP", heif = "HEIF"
    }

    /// Why a file's bytes do not make a whole image; becomes a `MediaError`.
    struct Damage: Error {
        var code: MediaError.Code
        var detail: String
    }

    var format: Format
    var width: Int?
    var height: Int?
    /// The EXIF TIFF structure (starting at the `II`/`MM` byte-order mark).
    var exif: ArraySlice<UInt8>?
    /// The XMP packet, UTF-8 XML.
    var xmp: ArraySlice<UInt8>?
    /// Photoshop image resources (JPEG APP13, TIFF tag 34377), which may hold IPTC-IIM.
    var photoshop: [UInt8]?
    /// IPTC-IIM records stored directly (TIFF tag 33723).
    var iptc: ArraySlice<UInt8>?

    init(format: Format) {
        self.format = format
    }

    /// ISO-BMFF major brands of still images (HEIC, HEIF, AVIF), not of videos.
    static let heifBrands: Set<String> = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis"]

    /// The format the first bytes announce, if mlib reads it.
    static func format(of bytes: ImageBytes) -> Format? {
        if bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes[0] == 0x89, bytes.matches("PNG\r\n\u{1A}\n", at: 1) { return .png }
        if bytes.matches("GIF87a", at: 0) || bytes.matches("GIF89a", at: 0) { return .gif }
        if bytes.matches("BM", at: 0) { return .bmp }
        if bytes.matches("II*\0", at: 0) || bytes.matches("MM\0*", at: 0)
            || bytes.matches("II+\0", at: 0) || bytes.matches("MM\0+", at: 0)
        {
            return .tiff
        }
        if bytes.matches("RIFF", at: 0), bytes.matches("WEBP", at: 8) { return .webp }
        if bytes.matches("ftyp", at: 4), let brand = bytes.bytes(at: 8, count: 4),
            heifBrands.contains(String(decoding: brand, as: UTF8.self))
        {
            return .heif
        }
        return nil
    }

    /// Parses the container of a file whose format `format(of:)` recognised.
    static func parse(_ bytes: ImageBytes, as format: Format) throws(Damage) -> ImageContainer {
        var container: ImageContainer
        switch format {
        case .jpeg: container = try parseJPEG(bytes)
        case .png: container = try parsePNG(bytes)
        case .gif: container = try parseGIF(bytes)
        case .bmp: container = try parseBMP(bytes)
        case .tiff: container = try parseTIFF(bytes)
        case .webp: container = try parseWebP(bytes)
        case .heif: container = try parseHEIF(bytes)
        }
        if container.xmp == nil {
            container.xmp = scanForXMP(bytes)
        }
        return container
    }

    /// Finds an XMP packet anywhere in the bytes, for containers where it has no
    /// dedicated place we parse (GIF application blocks, HEIF items, odd writers).
    static func scanForXMP(_ bytes: ImageBytes) -> ArraySlice<UInt8>? {
        guard let start = bytes.firstOffset(of: Array("<x:xmpmeta".utf8)) else { return nil }
        let close = Array("</x:xmpmeta>".utf8)
        guard let end = bytes.firstOffset(of: close, from: start) else { return nil }
        return bytes.storage[start..<(end + close.count)]
    }

    static func truncated(_ format: Format, _ detail: String) -> Damage {
        Damage(code: .truncated, detail: "truncated \(format.rawValue): \(detail) (the file is incomplete; copy it again)")
    }

    static func corrupt(_ format: Format, _ detail: String) -> Damage {
        Damage(code: .corrupt, detail: "corrupt \(format.rawValue): \(detail) (the file is damaged)")
    }

    /// `2048` → `2,048`, for byte counts in messages.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `bytes` without a leading `Exif\0\0`, which some writers keep outside JPEG.
    static func droppingExifHeader(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let header = Array("Exif\0\0".utf8)
        return bytes.starts(with: header) ? bytes.dropFirst(header.count) : bytes
    }
}
