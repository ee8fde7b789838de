import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct ImageExtractorTests {
    static let readable = [
        "full.jpg", "north.jpg", "sidecar.jpg", "attribute.jpg", "image.png", "image.gif", "image.bmp",
        "image.tiff", "image.webp", "lossless.webp", "lossy.webp", "image.heic", "scan.tiff", "camera.tiff",
        "converted.png", "raw-exif-ztxt.png", "raw-exif-text.png", "raw-exif-itxt.png",
    ]

    static let mimes = [
        "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "bmp": "image/bmp", "tiff": "image/tiff",
        "webp": "image/webp", "heic": "image/heic",
    ]

    static func path(_ name: String) -> String { Fixtures.path("images/" + name) }

    static func extract(_ path: String) throws(MediaError) -> Extraction {
        let mime = mimes[(path as NSString).pathExtension] ?? "application/octet-stream"
        return try ImageExtractor.extract(SourceFile(path: RawPath(path)), mime: mime)
    }

    /// exiftool's `-json -n -G0` output for one file, as JSON values.
    static func exiftool(_ path: String) throws -> [String: JSONValue] {
        let output = try ExternalTool.run("exiftool", ["-json", "-n", "-G0", path])
        let decoded = try JSONDecoder().decode([[String: JSONValue]].self, from: output.stdout)
        return decoded.first ?? [:]
    }

    /// exiftool gives one keyword as a string, several as an array.
    static func list(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .array(let items)?: return items.compactMap { $0.stringValue ?? $0.numberValue.map { "\(Int($0))" } }
        default: return []
        }
    }

    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return ExifFields.trimmed(text)
        case .number(let number)?: return number.rounded() == number ? String(Int(number)) : String(number)
        default: return nil
        }
    }

    @Test("size, EXIF, XMP and IPTC agree with exiftool", arguments: readable)
    func agreesWithExiftool(name: String) throws {
        try Self.checkAgreement(Self.path(name))
    }

    static func checkAgreement(_ file: String) throws {
        let tool = try Self.exiftool(file)
        let ours = try Self.extract(file).metadata

        let size = tool["Composite:ImageSize"]?.stringValue?.split(separator: " ").compactMap { Double($0) }
        #expect(size == [ours["width"]?.numberValue, ours["height"]?.numberValue].compactMap { $0 })
        #expect(size?.count == 2)

        // The date taken is the first of these exiftool shows, with its own offset.
        let dates = [
            ("DateTimeOriginal", "OffsetTimeOriginal"), ("CreateDate", "OffsetTimeDigitized"), ("ModifyDate", "OffsetTime"),
        ]
        let taken = dates.lazy.compactMap { date, offset in
            Self.text(tool["EXIF:\(date)"]).flatMap { ExifFields.isoDate($0) }.map { $0 + (Self.text(tool["EXIF:\(offset)"]) ?? "") }
        }.first
        #expect(ours["date_taken"]?.stringValue == taken)
        #expect(ours["camera_make"]?.stringValue == Self.text(tool["EXIF:Make"]))
        #expect(ours["camera_model"]?.stringValue == Self.text(tool["EXIF:Model"]))
        #expect(ours["orientation"]?.numberValue == tool["EXIF:Orientation"]?.numberValue)
        #expect(ours["description"]?.stringValue == Self.text(tool["EXIF:ImageDescription"]))
        #expect(ours["user_comment"]?.stringValue == Self.text(tool["EXIF:UserComment"]))
        #expect(ours["artist"]?.stringValue == Self.text(tool["EXIF:Artist"]))
        #expect(ours["copyright"]?.stringValue == Self.text(tool["EXIF:Copyright"]))

        let gps = ours["gps"]
        for (key, tag) in [("latitude", "GPSLatitude"), ("longitude", "GPSLongitude"), ("altitude", "GPSAltitude")] {
            let expected = tool["Composite:\(tag)"]?.numberValue
            let actual = gps?[key]?.numberValue
            #expect((expected == nil) == (actual == nil), "\(key)")
            if let expected, let actual {
                #expect(abs(expected - actual) < 1e-6, "\(key): \(actual) vs exiftool \(expected)")
            }
        }

        // The sidecar, if any, is laid over what is embedded, as ImageExtractor does.
        var title = Self.text(tool["XMP:Title"])
        var description = Self.text(tool["XMP:Description"])
        var subject = Self.list(tool["XMP:Subject"])
        for sidecar in [(file as NSString).deletingPathExtension + ".xmp", file + ".xmp"]
        where FileManager.default.fileExists(atPath: sidecar) {
            let side = try Self.exiftool(sidecar)
            title = Self.text(side["XMP:Title"]) ?? title
            description = Self.text(side["XMP:Description"]) ?? description
            subject += Self.list(side["XMP:Subject"]).filter { !subject.contains($0) }
            break
        }
        #expect(ours["xmp"]?["title"]?.stringValue == title)
        #expect(ours["xmp"]?["description"]?.stringValue == description)
        #expect(Self.list(ours["xmp"]?["subject"]) == subject)

        #expect(Self.list(ours["iptc"]?["keywords"]) == Self.list(tool["IPTC:Keywords"]))
        #expect(ours["iptc"]?["caption"]?.stringValue == Self.text(tool["IPTC:Caption-Abstract"]))
        #expect(ours["iptc"]?["title"]?.stringValue == Self.text(tool["IPTC:ObjectName"]))
    }

    @Test func fullJPEGBecomesSearchableEvidence() throws {
        let extraction = try Self.extract(Self.path("full.jpg"))
        #expect(extraction.kind == .image)
        #expect(extraction.mime == "image/jpeg")
        #expect(extraction.title == "Red boats")
        #expect(extraction.metadata["date_taken"] == "2024-06-01T14:03:22-03:00")
        #expect(extraction.metadata["orientation"] == 6)
        #expect(extraction.metadata["gps"]?["latitude"]?.numberValue.map { $0 < -33.8 && $0 > -33.9 } == true)
        #expect(extraction.metadata["gps"]?["longitude"]?.numberValue.map { $0 < -70.6 && $0 > -70.7 } == true)
        #expect(extraction.metadata["gps"]?["altitude"] == -12.5)
        let byField = Dictionary(grouping: extraction.segments, by: \.field).mapValues { $0.map(\.text) }
        #expect(byField[.title] == ["Red boats"])
        // The XMP description and the IPTC caption say the same thing once.
        #expect(byField[.body] == ["Red boats in the harbour", "Harbour at dusk", "Shot from the pier"])
        #expect(byField[.keywords] == ["boats, harbour, Café, pier"])
        #expect(byField[.metadata] == ["Canon EOS R6", "Ana Souza", "(c) 2024 Ana Souza"])
        #expect(byField[.name] == nil)
    }

    @Test func latin1IPTCAndUnicodeUserComment() throws {
        let extraction = try Self.extract(Self.path("north.jpg"))
        #expect(extraction.title == "Nordsee")  // no XMP: the IPTC object name
        #expect(Self.list(extraction.metadata["iptc"]?["keywords"]) == ["Café", "Strand"])
        #expect(extraction.metadata["iptc"]?["caption"] == "Mädchen am Strand")
        #expect(extraction.metadata["user_comment"] == "Über den Wolken – 雲")
        #expect(extraction.metadata["date_taken"] == "2023-12-24T09:15:00")
        #expect(extraction.metadata["gps"]?["altitude"] == 23.25)
        #expect(extraction.segments.contains(SegmentDraft(field: .metadata, text: "NIKON CORPORATION NIKON Z 6")))
    }

    @Test func sidecarOverridesEmbeddedXMP() throws {
        let extraction = try Self.extract(Self.path("sidecar.jpg"))
        #expect(extraction.title == "Sidecar title")
        #expect(extraction.metadata["xmp"]?["description"] == "Described in the sidecar")
        #expect(Self.list(extraction.metadata["xmp"]?["subject"]) == ["embedded", "sidecar"])
        #expect(extraction.segments.contains(SegmentDraft(field: .body, text: "Described in the sidecar")))
    }

    @Test func attributeFormSidecarNamedAfterTheWholeFileName() throws {
        let extraction = try Self.extract(Self.path("attribute.jpg"))
        #expect(extraction.title == "Fish & chips")
        #expect(extraction.metadata["xmp"]?["description"] == "Lunch by the sea")
        #expect(Self.list(extraction.metadata["xmp"]?["subject"]) == ["lunch", "sea"])
    }

    @Test func missingSidecarIsIgnored() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let copy = folder.path("alone.jpg")
        try FileManager.default.copyItem(atPath: Self.path("sidecar.jpg"), toPath: copy)
        let extraction = try Self.extract(copy)
        #expect(extraction.title == "Embedded title")
    }

    @Test(
        "broken files say what is wrong, and with which file",
        arguments: [
            ("truncated.jpg", MediaError.Code.truncated), ("truncated-scan.jpg", .truncated),
            ("random-magic.jpg", .corrupt), ("truncated-ihdr.png", .truncated),
        ])
    func brokenFixture(name: String, code: MediaError.Code) {
        do {
            let extraction = try Self.extract(Self.path(name))
            Issue.record("\(name) was read: \(extraction.metadata)")
        } catch {
            #expect(error.code == code)
            #expect(error.description.contains(name))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func truncatedJPEGSaysHowMuchWasThere() {
        do {
            _ = try Self.extract(Self.path("truncated.jpg"))
            Issue.record("truncated.jpg was read")
        } catch {
            #expect(error.detail.contains("3,178 bytes"), "\(error.detail)")
        }
    }

    /// Every proper prefix of a complete image is reported as truncated, never read
    /// as a good image and never a crash.
    @Test(
        arguments: [
            "full.jpg", "image.png", "image.gif", "image.bmp", "image.tiff", "image.webp", "lossless.webp",
            "lossy.webp", "scan.tiff", "camera.tiff", "converted.png",
        ])
    func everyPrefixIsTruncated(name: String) throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.path(name)))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let cut = folder.path(name)
        let step = max(1, whole.count / 97)
        for length in stride(from: 12, to: whole.count, by: step) + [whole.count - 1] {
            try whole.prefix(length).write(to: URL(fileURLWithPath: cut))
            do {
                let extraction = try Self.extract(cut)
                Issue.record("\(name) cut to \(length) bytes was read: \(extraction.metadata)")
            } catch {
                #expect(error.code == .truncated, "\(name) cut to \(length) bytes: \(error)")
            }
        }
    }

    /// Damaged bytes give an extraction or a MediaError, never a crash or a hang.
    @Test(arguments: readable)
    func damagedBytesNeverCrash(name: String) throws {
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path(name))))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let damaged = folder.path(name)
        var random = SeededGenerator(seed: UInt64(whole.count))
        for _ in 0..<40 {
            var bytes = whole
            for _ in 0..<(1 + Int(random.next() % 8)) {
                // Headers hold what parsers trust, so damage them more often.
                let limit = random.next() % 2 == 0 ? min(bytes.count, 512) : bytes.count
                bytes[Int(random.next() % UInt64(limit))] = UInt8(truncatingIfNeeded: random.next())
            }
            try Data(bytes).write(to: URL(fileURLWithPath: damaged))
            _ = try? Self.extract(damaged)
        }
    }

    @Test func notAnImageIsUnsupported() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.path("note.jpg")
        try Data("just some words, not a picture\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: MediaError.self) { try Self.extract(file) }
        do { _ = try Self.extract(file) } catch { #expect(error.code == .unsupported) }
    }

    /// Through the public entry point; needs the libmagic TypeSniffer.
    @Test func mediaExtractorReadsAnImage() throws {
        let extraction = try MediaExtractor().extract(RawPath(Self.path("full.jpg")))
        #expect(extraction.kind == .image)
        #expect(extraction.mime == "image/jpeg")
        #expect(extraction.title == "Red boats")
        #expect(extraction.metadata["width"] == 64)
        #expect(extraction.segments.contains { $0.field == .name })
    }
}
