import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

/// Metadata in the places real files keep it beyond JPEG's APP1: a TIFF's own
/// directories. `ImageExtractorTests`
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
}
