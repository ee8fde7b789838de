#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibMagic
import Foundation
import Synchronization

/// Decides by content, never by extension, whether a file is a note, an image, a
/// video, or something mlib does not index.
///
/// libmagic names the type; `classify` then maps its MIME type onto the three kinds
/// mlib indexes, with a few checks of its own for containers libmagic names vaguely
/// (ISO media with brands it does not know, MPEG transport streams, tiny notes).
///
/// Access is serialised by a `Mutex` around the one libmagic handle: a handle is not
/// thread-safe, and one `magic_buffer` call on a 64 KiB prefix is short, so callers
/// queue on the lock rather than each loading its own copy of the magic database.
/// When the database cannot be loaded, a built-in check of the common magic numbers
/// takes over and the problem is reported once on standard error.
final class TypeSniffer: Sendable {
    /// What a file is, with the MIME type that decided it.
    enum Result: Sendable, Equatable {
        case text(mime: String)
        case image(mime: String)
        case video(mime: String)
        /// Not a kind mlib indexes; `description` is libmagic's words for it, one line.
        case unsupported(mime: String, description: String)
    }

    /// The sniffer every extractor shares; its database loads on first use.
    static let shared = TypeSniffer()

    /// How many leading bytes `sniff` needs.
    ///
    /// Everything mlib tells apart is decided in the first few hundred bytes (ISO
    /// `ftyp` brands, EBML doc types, RIFF forms); text encodings want more context,
    /// and 64 KiB gives libmagic plenty without reading whole videos.
    static let prefixLength = 64 * 1024

    /// Why libmagic is not in use, or `nil` when it is.
    let fallbackReason: String?

    private let handle: Mutex<OpaquePointer?>

    private static let mimeFlags = MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR
        | MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_CDF
    private static let describeFlags = MAGIC_NONE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR
        | MAGIC_NO_CHECK_CDF

    /// Opens libmagic with the database at `databasePath`, or its default one.
    init(databasePath: String? = nil) {
        var reason: String?
        var magic = magic_open(Self.mimeFlags)
        if let opened = magic {
            let status: Int32
            if let databasePath {
                status = magic_load(opened, databasePath)
            } else {
                status = magic_load(opened, nil)
            }
            if status != 0 {
                let message = magic_error(opened).map { String(cString: $0) } ?? "unknown error"
                reason = "cannot load the libmagic database: \(message)"
                magic_close(opened)
                magic = nil
            }
        } else {
            reason = "cannot open libmagic: \(String(cString: strerror(errno)))"
        }
        if let reason {
            let warning = "mlib: \(reason); telling file types apart by built-in magic numbers only\n"
            FileHandle.standardError.write(Data(warning.utf8))
        }
        self.fallbackReason = reason
        self.handle = Mutex(magic)
    }

    deinit {
        handle.withLock { magic in
            if let magic { magic_close(magic) }
        }
    }

    /// Says what the content starting with `head` is; never fails.
    func sniff(_ head: [UInt8]) -> Result {
        if head.isEmpty {
            return .unsupported(mime: "application/x-empty", description: "empty file")
        }
        let found: (mime: String, description: String)? = handle.withLock { magic in
            guard let magic else { return nil }
            guard let mime = Self.buffer(magic, head) else { return nil }
            var description = "unrecognised data"
            if Self.classify(mime: mime, head: head) == nil,
                magic_setflags(magic, Self.describeFlags) == 0
            {
                description = Self.buffer(magic, head) ?? description
                _ = magic_setflags(magic, Self.mimeFlags)
            }
            return (mime, description)
        }
        if let found {
            return Self.classify(mime: found.mime, head: head)
                ?? .unsupported(mime: found.mime, description: Self.shorten(found.description))
        }
        let mime = Self.builtinMIME(head)
        return Self.classify(mime: mime, head: head)
            ?? .unsupported(mime: mime, description: "unrecognised data (libmagic unavailable)")
    }

    private static func buffer(_ magic: OpaquePointer, _ head: [UInt8]) -> String? {
        let answer = head.withUnsafeBytes { raw in magic_buffer(magic, raw.baseAddress, raw.count) }
        guard let answer else { return nil }
        return String(cString: answer)
    }

    /// libmagic's long descriptions cut at a comma to about 80 characters, one line.
    static func shorten(_ description: String) -> String {
        let line = String(description.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        var parts: [Substring] = []
        var length = 0
        for part in line.split(separator: ",", omittingEmptySubsequences: false) {
            if !parts.isEmpty && length + part.count > 80 { break }
            parts.append(part)
            length += part.count + 1
        }
        let short = parts.joined(separator: ",").trimmingCharacters(in: .whitespacesAndNewlines)
        return short.count > 120 ? String(short.prefix(119)) + "…" : short
    }
}

// MARK: - Classification

extension TypeSniffer {
    /// Image types the image extractor decodes.
    static let imageTypes: Set<String> = [
        "image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/bmp",
        "image/x-ms-bmp", "image/heic", "image/heif", "image/avif",
    ]

    /// Audio-labelled ISO media that often carries video too: libmagic decides by the
    /// `ftyp` brand alone, so the video extractor looks at the tracks and decides.
    static let isoAudioTypes: Set<String> = ["audio/mp4", "audio/x-m4a", "audio/x-m4b", "audio/3gpp", "audio/3gpp2"]

    /// `application/*` types that are text a person wrote or reads.
    static let textApplicationTypes: Set<String> = [
        "application/json", "application/x-ndjson", "application/csv", "application/x-subrip",
        "application/x-wine-extension-ini",
    ]

    /// Maps libmagic's MIME type (plus our own checks of `head`) onto a kind, or `nil`
    /// when mlib does not index the content.
    static func classify(mime rawMIME: String, head: [UInt8]) -> Result? {
        let mime = rawMIME.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() } ?? ""
        if mime == "application/octet-stream" || mime.isEmpty {
            // libmagic's "data": look for what it misses before giving up.
            if let container = isoMediaType(head) ?? transportStreamType(head) {
                return classify(mime: container, head: [])
            }
            if looksLikeText(head) { return .text(mime: "text/plain") }
            return nil
        }
        if imageTypes.contains(mime) { return .image(mime: mime) }
        if mime.hasPrefix("video/") { return .video(mime: mime) }
        if isoAudioTypes.contains(mime) { return .video(mime: mime) }
        if mime.hasPrefix("text/") || textApplicationTypes.contains(mime) { return .text(mime: mime) }
        return nil
    }

    /// Brands that mark an ISO base media file as a movie, whichever is major.
    private static let videoBrands: Set<String> = [
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9", "mp41", "mp42", "mp71",
        "avc1", "avc3", "hvc1", "hev1", "av01", "dash", "msdh", "msix", "cmfc", "cmf2", "XAVC", "f4v ",
        "f4p ", "M4V ", "M4VH", "M4VP", "mmp4", "MSNV", "CAEP", "niko", "mjp2", "mj2s", "KDDI", "sdv ",
        "3gp4", "3gp5", "3gp6", "3gp7", "3gp8", "3gp9", "3g2a", "3g2b", "3g2c", "3gg6", "3gs6",
    ]

    /// Brands of still pictures (and raw stills) packed in ISO media.
    private static let imageBrands: [String: String] = [
        "heic": "image/heic", "heix": "image/heic", "heim": "image/heic", "heis": "image/heic",
        "mif1": "image/heif", "avif": "image/avif", "crx ": "image/x-canon-cr3", "jp2 ": "image/jp2",
        "jpx ": "image/jpx",
    ]

    /// The MIME type of ISO base media (MP4, MOV, 3GP, HEIF) found by walking its
    /// top-level boxes, or `nil` when `head` does not start like one.
    static func isoMediaType(_ head: [UInt8]) -> String? {
        var offset = 0
        for _ in 0..<8 {
            guard offset + 8 <= head.count else { return nil }
            var size = Int(bigEndian32(head, at: offset))
            let type = head[(offset + 4)..<(offset + 8)]
            guard type.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            let name = String(decoding: type, as: UTF8.self)
            if size == 1 {
                guard offset + 16 <= head.count else { return nil }
                let high = Int(bigEndian32(head, at: offset + 8))
                guard high == 0 else { return nil }  // a box over 4 GiB starts nothing we look at
                size = Int(bigEndian32(head, at: offset + 12))
            }
            switch name {
            case "ftyp":
                guard size >= 16, offset + 16 <= head.count else { return nil }
                let end = min(offset + size, head.count)
                let major = String(decoding: head[(offset + 8)..<(offset + 12)], as: UTF8.self)
                var brands = [major]
                var brandOffset = offset + 16
                while brandOffset + 4 <= end {
                    brands.append(String(decoding: head[brandOffset..<(brandOffset + 4)], as: UTF8.self))
                    brandOffset += 4
                }
                if let image = imageBrands[major] { return image }
                if major == "qt  " { return "video/quicktime" }
                if brands.contains(where: videoBrands.contains) { return "video/mp4" }
                if brands.contains("qt  ") { return "video/quicktime" }
                if let image = brands.lazy.compactMap({ imageBrands[$0] }).first { return image }
                return nil
            case "moov", "mdat":
                return "video/quicktime"
            case "free", "skip", "wide", "pnot", "junk", "uuid":
                guard size >= 8 else { return nil }
                offset += size
            default:
                return nil
            }
        }
        return nil
    }

    /// `video/mp2t` for an MPEG transport stream (188-byte packets, or 192 in the
    /// M2TS files of camcorders), each starting with the sync byte 0x47.
    static func transportStreamType(_ head: [UInt8]) -> String? {
        for (start, stride) in [(0, 188), (4, 192)] {
            let packets = 5
            guard start + stride * (packets - 1) < head.count else { continue }
            if (0..<packets).allSatisfy({ head[start + $0 * stride] == 0x47 }) { return "video/mp2t" }
        }
        return nil
    }

    /// Whether `head` is UTF-8 (or starts with a Unicode byte-order mark) without
    /// control characters a note would not hold; libmagic says "data" for very short
    /// notes such as a single word.
    static func looksLikeText(_ head: [UInt8]) -> Bool {
        if TextDecoding.byteOrderMark(head) != nil { return true }
        var bytes = head[...]
        // The prefix may end inside a multi-byte character.
        for _ in 0..<3 where String(validating: bytes, as: UTF8.self) == nil {
            guard let last = bytes.last, last >= 0x80 else { break }
            bytes = bytes.dropLast()
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        return !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }
            && !bytes.contains(0x7F)
    }

    /// The common magic numbers, for when libmagic's database is missing.
    static func builtinMIME(_ head: [UInt8]) -> String {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && head[offset..<(offset + prefix.count)].elementsEqual(prefix)
        }
        func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) { return "image/gif" }
        if starts(ascii("RIFF")) && starts(ascii("WEBP"), at: 8) { return "image/webp" }
        if starts(ascii("RIFF")) && starts(ascii("AVI "), at: 8) { return "video/x-msvideo" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        if starts(ascii("BM")) && head.count >= 18 && [12, 40, 52, 56, 64, 108, 124].contains(head[14])
            && head[15] == 0 && head[16] == 0 && head[17] == 0
        {
            return "image/bmp"
        }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) {
            let docType = head.prefix(64)
            return docType.firstRange(of: ascii("webm")) != nil ? "video/webm" : "video/x-matroska"
        }
        if let iso = isoMediaType(head) { return iso }
        if let stream = transportStreamType(head) { return stream }
        if looksLikeText(head) { return "text/plain" }
        return "application/octet-stream"
    }

    private static func bigEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
