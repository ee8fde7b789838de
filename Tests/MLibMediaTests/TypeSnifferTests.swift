import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct TypeSnifferTests {
    static func head(_ relative: String) throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: Fixtures.path(relative)))
        return Array(data.prefix(TypeSniffer.prefixLength))
    }

    /// An ISO base media `ftyp` box with `major` and `compatible` brands, then padding.
    static func ftyp(_ major: String, _ compatible: [String] = []) -> [UInt8] {
        let brands = compatible.flatMap { Array($0.utf8) }
        let size = UInt32(16 + brands.count)
        var bytes = withUnsafeBytes(of: size.bigEndian, Array.init) + Array("ftyp".utf8) + Array(major.utf8)
        bytes += [0, 0, 0, 0] + brands
        return bytes + [0, 0, 0, 8] + Array("free".utf8) + [UInt8](repeating: 0, count: 200)
    }

    static let notes = [
        "beach-day.md", "garden.org", "accents.txt", "utf8-bom.txt", "utf16le.txt", "utf16be.txt",
        "latin1.txt", "crlf.txt", "chinese.txt", "emoji.md", "long.md",
    ]

    @Test(arguments: notes)
    func notesAreText(_ name: String) throws {
        let result = TypeSniffer.shared.sniff(try Self.head("notes/" + name))
        guard case .text = result else {
            Issue.record("\(name) sniffed as \(result)")
            return
        }
    }

    @Test func aPNGNamedTxtIsAnImage() throws {
        #expect(TypeSniffer.shared.sniff(try Self.head("notes/picture.txt")) == .image(mime: "image/png"))
    }

    @Test func randomBytesAreUnsupported() throws {
        let result = TypeSniffer.shared.sniff(try Self.head("notes/random.mp4"))
        guard case .unsupported(let mime, let description) = result else {
            Issue.record("random bytes sniffed as \(result)")
            return
        }
        #expect(mime == "application/octet-stream")
        #expect(!description.isEmpty && !description.contains("\n"))
    }

    @Test func unsupportedTypesSayWhatTheyAre() {
        let pdf = Array("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8)
        guard case .unsupported(let mime, let description) = TypeSniffer.shared.sniff(pdf) else {
            Issue.record("a PDF was accepted")
            return
        }
        #expect(mime == "application/pdf")
        #expect(description.hasPrefix("PDF document"))
    }

    @Test(arguments: [
        ("isom", ["isom", "mp41"], "video/mp4"),
        ("mp42", [], "video/mp4"),
        ("qt  ", [], "video/quicktime"),
        ("3gp4", [], "video/3gpp"),
        ("M4V ", [], "video/x-m4v"),
        // libmagic calls these audio by their brand; the video extractor checks the tracks.
        ("M4A ", ["isom"], "audio/x-m4a"),
        ("MSNV", [], "audio/mp4"),
        // Brands libmagic does not name: our own brand check catches them.
        ("XAVC", ["XAVC", "mp42", "iso2"], "video/mp4"),
        ("abcd", ["isom", "avc1"], "video/mp4"),
    ])
    func isoMediaBrandsAreVideo(major: String, compatible: [String], mime: String) {
        #expect(TypeSniffer.shared.sniff(Self.ftyp(major, compatible)) == .video(mime: mime))
    }

    @Test func isoStillImagesAreNotVideo() {
        #expect(TypeSniffer.shared.sniff(Self.ftyp("heic", ["mif1", "heic"])) == .image(mime: "image/heic"))
        #expect(TypeSniffer.shared.sniff(Self.ftyp("avif", ["mif1", "avif"])) == .image(mime: "image/avif"))
        // Canon CR3 raw stills: neither FFmpeg nor libexif reads them.
        guard case .unsupported = TypeSniffer.shared.sniff(Self.ftyp("crx ", ["crx ", "isom"])) else {
            Issue.record("a CR3 raw was accepted")
            return
        }
    }

    @Test func quickTimeWithoutFtypIsVideo() {
        // Old QuickTime files start with `wide` and `mdat`; libmagic calls that data.
        let head: [UInt8] = [0, 0, 0, 8] + Array("wide".utf8) + [0, 0, 0x10, 0] + Array("mdat".utf8)
            + [UInt8](repeating: 0x11, count: 300)
        #expect(TypeSniffer.shared.sniff(head) == .video(mime: "video/quicktime"))
    }

    @Test func transportStreamsAreVideo() {
        var head = (0..<188 * 8).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for packet in 0..<8 { head[packet * 188] = 0x47 }
        #expect(TypeSniffer.shared.sniff(head) == .video(mime: "video/mp2t"))
    }

    @Test func realImagesAndVideosAreRecognised() throws {
        let folder = try TemporaryDirectory(prefix: "mlib-sniff")
        defer { folder.remove() }
        let images = ["jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "tiff": "image/tiff", "bmp": "image/bmp"]
        for (ext, mime) in images {
            let path = folder.path("picture.\(ext)")
            let made = try ExternalTool.run("convert", ["-size", "16x16", "xc:red", path])
            try #require(made.status == 0, "convert failed: \(made.stderrString)")
            #expect(TypeSniffer.shared.sniff(try Self.bytes(path)) == .image(mime: mime), "\(ext)")
        }
        let videos = ["mp4": "video/mp4", "mov": "video/quicktime", "mkv": "video/x-matroska", "webm": "video/webm", "avi": "video/x-msvideo", "ts": "video/mp2t"]
        for (ext, mime) in videos {
            let path = folder.path("clip.\(ext)")
            let made = try ExternalTool.run(
                "ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=32x32:rate=5", "-t", "0.4", path])
            try #require(made.status == 0, "ffmpeg failed: \(made.stderrString)")
            #expect(TypeSniffer.shared.sniff(try Self.bytes(path)) == .video(mime: mime), "\(ext)")
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try #require(FileManager.default.contents(atPath: path)).prefix(TypeSniffer.prefixLength))
    }

    @Test func textTypesFollowTheAllowList() {
        #expect(TypeSniffer.shared.sniff(Array("{\"a\": [1, 2], \"b\": \"x\"}\n".utf8)) == .text(mime: "application/json"))
        #expect(TypeSniffer.shared.sniff(Array("name,age\nana,3\nbo,4\n".utf8)) == .text(mime: "text/csv"))
        // A one-word note is too short for libmagic, which calls it data.
        #expect(TypeSniffer.shared.sniff(Array("milk".utf8)) == .text(mime: "text/plain"))
        guard case .unsupported = TypeSniffer.shared.sniff([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60)) else {
            Issue.record("a ZIP header was accepted")
            return
        }
    }

    @Test func nulBytesAreNotText() {
        guard case .unsupported = TypeSniffer.shared.sniff(Array("ab\0cd some words\n".utf8)) else {
            Issue.record("text with NUL bytes was accepted")
            return
        }
    }

    @Test func withoutTheDatabaseBuiltInChecksTakeOver() throws {
        let sniffer = TypeSniffer(databasePath: "/nonexistent/mlib-test/magic.mgc")
        #expect(sniffer.fallbackReason != nil)
        #expect(sniffer.sniff(try Self.head("notes/picture.txt")) == .image(mime: "image/png"))
        #expect(sniffer.sniff([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 60)) == .image(mime: "image/jpeg"))
        #expect(sniffer.sniff(Self.ftyp("isom", ["isom"])) == .video(mime: "video/mp4"))
        #expect(sniffer.sniff(try Self.head("notes/accents.txt")) == .text(mime: "text/plain"))
        #expect(sniffer.sniff(try Self.head("notes/utf16le.txt")) == .text(mime: "text/plain"))
        guard case .unsupported = sniffer.sniff(try Self.head("notes/random.mp4")) else {
            Issue.record("random bytes were accepted without libmagic")
            return
        }
    }

    @Test func concurrentSniffsAgree() async throws {
        let png = try Self.head("notes/picture.txt")
        let note = try Self.head("notes/long.md")
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    index.isMultiple(of: 2)
                        ? TypeSniffer.shared.sniff(png) == .image(mime: "image/png")
                        : TypeSniffer.shared.sniff(note) == .text(mime: "text/plain")
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}
