import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

/// Metadata in the places real files keep it beyond JPEG's APP1: a TIFF's own
/// directories and the PNG chunks ImageMagick writes. `ImageExtractorTests`
/// checks each file against exiftool; these pin the values, so a fixture that
/// stopped carrying them would fail here rather than agree on nothing.
struct ImageMetadataGapsTests {
    static func extract(_ name: String) throws -> Extraction {
        try ImageExtractor.extract(SourceFile(path: RawPath(Fixtures.path("images/" + name))), mime: "image/x")
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("images/" + name))))
    }

    /// libtiff writers put IFD0 after the pixels, past the 64 KB libexif reads.
    @Test func scannedTIFFKeepsItsIFD0Tags() throws {
        let metadata = try Self.extract("scan.tiff").metadata
        #expect(metadata["camera_make"] == "EPSON")
        #expect(metadata["camera_model"] == "Perfection V600")
        #expect(metadata["date_taken"] == "2019-05-06T07:08:09")  // IFD0 DateTime: the only date there
        #expect(metadata["orientation"] == 6)
        #expect(metadata["description"] == "Grandma at the lake")
        #expect(metadata["artist"] == "Scan Desk")
        #expect(metadata["copyright"] == "(c) Family archive")

        // The fixture does test the gap: libexif given the same bytes finds nothing.
        #expect(ExifFields(tiff: try Self.bytes("scan.tiff")[...]).make == nil)
    }

    @Test func scannedTIFFIsSearchableByCameraAndCaption() throws {
        let segments = try Self.extract("scan.tiff").segments
        #expect(segments.contains(SegmentDraft(field: .body, text: "Grandma at the lake")))
        #expect(segments.contains(SegmentDraft(field: .metadata, text: "EPSON Perfection V600")))
    }

    /// Big-endian, with EXIF and GPS directories that IFD0 points to.
    @Test func exiftoolTaggedTIFFReadsSubDirectories() throws {
        let metadata = try Self.extract("camera.tiff").metadata
        #expect(metadata["camera_make"] == "Hasselblad")
        #expect(metadata["camera_model"] == "X2D 100C")
        #expect(metadata["date_taken"] == "2023-08-09T10:11:12+02:00")
        #expect(metadata["orientation"] == 3)
        #expect(metadata["gps"]?["latitude"] == 46.5)
        #expect(metadata["gps"]?["longitude"] == 7.25)
    }

    /// ImageMagick's conversion of full.jpg: EXIF in eXIf after the pixels, XMP and
    /// IPTC only in compressed raw-profile text chunks.
    @Test func pngConvertedByImageMagickKeepsEverything() throws {
        let extraction = try Self.extract("converted.png")
        #expect(extraction.title == "Red boats")
        #expect(extraction.metadata["camera_model"] == "Canon EOS R6")
        #expect(extraction.metadata["date_taken"] == "2024-06-01T14:03:22-03:00")
        #expect(extraction.metadata["orientation"] == 6)
        #expect(extraction.metadata["xmp"]?["subject"] == ["boats", "harbour", "Café"])
        #expect(extraction.metadata["iptc"]?["keywords"] == ["Café", "boats", "pier"])
    }

    @Test(arguments: ["raw-exif-ztxt.png", "raw-exif-text.png", "raw-exif-itxt.png"])
    func pngWithRawProfileEXIF(name: String) throws {
        let metadata = try Self.extract(name).metadata
        #expect(metadata["camera_make"] == "OLYMPUS IMAGING CORP.")
        #expect(metadata["camera_model"] == "E-M1")
        #expect(metadata["date_taken"] == "2016-03-04T05:06:07")
        #expect(metadata["orientation"] == 8)
        #expect(metadata["artist"] == "Raw Profile")
    }

    @Test func rawProfileNeedsAllItsDigits() {
        let good = Array("\nexif\n       4\n45786966\n".utf8)
        #expect(ImageContainer.rawProfile(good) == Array("Exif".utf8))
        #expect(ImageContainer.rawProfile(Array("\nexif\n       4\n457869\n".utf8)) == nil)  // cut short
        #expect(ImageContainer.rawProfile(Array("\nexif\n       4\n4578zz66\n".utf8)) == nil)  // not hex
        #expect(ImageContainer.rawProfile(Array("\nexif\n 99999999999999999999\n00".utf8)) == nil)
        #expect(ImageContainer.rawProfile([]) == nil)
    }

    /// The zTXt fixture's compressed text inflates whole, and not at all when cut
    /// short or larger than the limit.
    @Test func inflateStopsAtDamageAndAtTheLimit() throws {
        let png = try Self.bytes("raw-exif-ztxt.png")
        let length = png[33...36].reduce(0) { $0 << 8 | Int($1) }
        #expect(String(decoding: png[37..<41], as: UTF8.self) == "zTXt")
        let keyword = Array("Raw profile type exif".utf8) + [0, 0]
        let stream = png[(41 + keyword.count)..<(41 + length)]
        let text = try #require(Zlib.inflate(stream, limit: 1 << 20))
        #expect(text.starts(with: Array("\nexif\n".utf8)))
        #expect(Zlib.inflate(stream, limit: text.count - 1) == nil)
        #expect(Zlib.inflate(stream.dropLast(8), limit: 1 << 20) == nil)
        #expect(Zlib.inflate([1, 2, 3, 4][...], limit: 1 << 20) == nil)
        #expect(Zlib.inflate([][...], limit: 1 << 20) == nil)
    }
}
