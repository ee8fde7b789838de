import Foundation
import MLibCore
import MLibMedia
@testable import MLibEngine
import MLibSearch
import MLibStore
import MLibTestSupport
import Testing

/// Pictures through the whole engine: ingest looks at pixels (colours, OCR, frames,
/// thumbnails) and, with a CLIP model in the model folders, every image and frame
/// gets a picture vector that search uses as a channel of its own.
@Suite(.serialized) struct EnginePictureTests {
    /// A fixture with photos, a poster and a video, and the tiny CLIP beside the
    /// default sentence model.
    static func picturesFixture(clip: Bool = true) throws -> EngineFixture {
        let fixture = try EngineFixture()
        let pictures = fixture.folder.path("notes/pictures")
        try FileManager.default.createDirectory(atPath: pictures, withIntermediateDirectories: true)
        for name in ["photo-chelsea.jpg", "poster.png"] {
            try FileManager.default.copyItem(atPath: Fixtures.path("ocr/" + name), toPath: pictures + "/" + name)
        }
        try FileManager.default.copyItem(atPath: Fixtures.path("clip-images/rotated.jpg"), toPath: pictures + "/rotated.jpg")
        try FileManager.default.copyItem(atPath: Fixtures.path("videos/clip.mov"), toPath: pictures + "/clip.mov")
        if clip {
            try FileManager.default.createSymbolicLink(
                atPath: fixture.models + "/tiny-clip", withDestinationPath: Fixtures.path("models/tiny-clip"))
        }
        return fixture
    }

    @Test func imagesAndFramesGetPictureVectorsAndSearchUsesThem() throws {
        let fixture = try Self.picturesFixture()
        defer { fixture.remove() }
        let reports = try fixture.index()
        let pictures = try #require(reports.first { $0.unit == "picture" }, "a CLIP folder in the model folders embeds pictures")
        #expect(pictures.model == "tiny-clip")
        let engine = try fixture.engine(.readOnly)
        let model = try #require(try engine.library.model(for: .picture))
        #expect(model.dimension == 12)
        #expect(try engine.library.model(for: .pictureQuery) != nil, "the text tower asks the picture questions")
        #expect(try engine.library.countPicturesToEmbed(modelID: model.id) == 0)

        let video = try #require(try engine.library.item(path: RawPath(fixture.folder.path("notes/pictures/clip.mov"))))
        let frames = try engine.library.segments(itemID: video.id).filter { $0.field == .picture }
        #expect(frames.count >= 1 && frames.allSatisfy { $0.modality == .frame && $0.start != nil })
        #expect(video.metadata["frame_rate_sampled"] == .number(1))
        let vectors = try engine.library.vectorCount(modelID: model.id)
        #expect(pictures.progress.done > 0 && vectors == pictures.progress.embedded)

        let outcome = try engine.search("a sleeping cat", options: SearchOptions(mode: .semantic, limit: 10))
        #expect(outcome.foundBy("picture:tiny-clip"), "the picture channel answers")
        let hit = try #require(outcome.results.hits.first { $0.channels["picture:tiny-clip"] != nil })
        #expect(hit.evidence.contains { $0.channel == "picture:tiny-clip" })
    }

    @Test func aMovedPictureKeepsItsVectorsWithoutEmbeddingAgain() throws {
        let fixture = try Self.picturesFixture()
        defer { fixture.remove() }
        try fixture.index()
        let from = fixture.folder.path("notes/pictures/poster.png")
        try FileManager.default.moveItem(atPath: from, toPath: fixture.folder.path("notes/poster-moved.png"))
        let again = try fixture.index()
        let pictures = try #require(again.first { $0.unit == "picture" })
        #expect(pictures.progress.embedded == 0, "a moved file's picture is known by its content")
    }

    @Test func wordsColoursAndTextInPicturesAreFoundWithoutAnyModel() throws {
        let fixture = try Self.picturesFixture(clip: false)
        defer { fixture.remove() }
        let engine = try fixture.engine()
        _ = try engine.index(roots: [RawPath(fixture.folder.path("notes"))])
        let byText = try engine.search("riverside blanket", options: SearchOptions(mode: .keyword, limit: 5))
        #expect(byText.names.first == "poster.png", "OCR text is a word-index field")
        let poster = try #require(try engine.library.item(path: RawPath(fixture.folder.path("notes/pictures/poster.png"))))
        let colours = try engine.library.segments(itemID: poster.id).filter { $0.field == .colour }
        #expect(colours.count == 1 && !(colours.first?.text.isEmpty ?? true))
        let colourWord = String(colours[0].text.split(separator: " ")[0])
        let byColour = try engine.search(colourWord, options: SearchOptions(mode: .keyword, limit: 10))
        #expect(byColour.names.contains("poster.png"), "a colour name finds the picture")
    }

    @Test func thumbnailsAreMadeBesideTheLibraryAndLeaveWithTheirItem() throws {
        let fixture = try Self.picturesFixture(clip: false)
        defer { fixture.remove() }
        let engine = try fixture.engine()
        _ = try engine.index(roots: [RawPath(fixture.folder.path("notes"))])
        let path = fixture.folder.path("notes/pictures/rotated.jpg")
        let item = try #require(try engine.library.item(path: RawPath(path)))
        let thumbnail = engine.library.thumbnailPath(contentHash: try #require(item.contentHash))
        #expect(thumbnail.hasPrefix(engine.library.path + "-cache/"), "never inside the SQLite file")
        let probe = try ExternalTool.run(
            "ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", thumbnail])
        // rotated.jpg is stored 256×192 with EXIF orientation 6: its thumbnail stands upright.
        #expect(probe.stdoutString.trimmingCharacters(in: .whitespacesAndNewlines) == "mjpeg,192,256")
        let video = try #require(try engine.library.item(path: RawPath(fixture.folder.path("notes/pictures/clip.mov"))))
        #expect(FileManager.default.fileExists(atPath: engine.library.thumbnailPath(contentHash: try #require(video.contentHash))))

        try FileManager.default.removeItem(atPath: path)
        _ = try engine.index(roots: [RawPath(fixture.folder.path("notes"))])
        #expect(!FileManager.default.fileExists(atPath: thumbnail))
    }
}

extension EnginePictureTests {
    @Test func queryByExampleFindsOtherItemsAndNeverTheExampleItself() throws {
        let fixture = try Self.picturesFixture()
        defer { fixture.remove() }
        try fixture.index()
        let engine = try fixture.engine(.readOnly)
        let inside = fixture.folder.path("notes/pictures/photo-chelsea.jpg")
        let like = try engine.searchLike(RawPath(inside), options: SearchOptions(limit: 5))
        #expect(!like.results.hits.isEmpty)
        #expect(!like.names.contains("photo-chelsea.jpg"), "the example is not its own result")
        #expect(like.results.hits.map(\.rank) == Array(1...like.results.hits.count))
        #expect(like.foundBy("picture:tiny-clip"))

        // A file outside the library is read and embedded on the spot.
        let outside = try engine.searchLike(RawPath(Fixtures.path("clip-images/photo.jpg")), options: SearchOptions(limit: 5))
        #expect(outside.foundBy("picture:tiny-clip"))
        // A note finds by its meaning, across kinds.
        let note = try engine.searchLike(RawPath(fixture.folder.path("notes/beach.md")), options: SearchOptions(limit: 5))
        #expect(note.foundBy("text:all-MiniLM-L6-v2") && !note.names.contains("beach.md"))
    }
}

extension EnginePictureTests {
    @Test func aMultilingualQueryTowerCanAskThePictureQuestions() throws {
        let fixture = try Self.picturesFixture()
        defer { fixture.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: fixture.models + "/tiny-clip-multilingual", withDestinationPath: Fixtures.path("models/tiny-clip-multilingual"))
        try fixture.index()
        let engine = try fixture.engine()
        let asker = try engine.usePictureQueryModel("tiny-clip-multilingual")
        #expect(try engine.library.model(for: .pictureQuery)?.id == asker.id)
        let outcome = try engine.search("un chat qui dort", options: SearchOptions(mode: .semantic, limit: 5))
        #expect(outcome.foundBy("picture:tiny-clip"))
        // A text model of another length cannot ask picture questions.
        #expect(throws: EngineError.self) { try engine.usePictureQueryModel(EngineFixture.defaultModel) }
    }
}

extension EnginePictureTests {
    @Test func anotherFrameRateOrOCRModeReadsUnchangedPicturesAgain() throws {
        let fixture = try Self.picturesFixture(clip: false)
        defer { fixture.remove() }
        let engine = try fixture.engine()
        let root = [RawPath(fixture.folder.path("notes"))]
        _ = try engine.index(roots: root)
        #expect(try engine.index(roots: root).progress.toProcess == 0, "the same options find nothing to do")
        let faster = try engine.index(roots: root, pictures: PictureOptions(fps: 2))
        #expect(faster.progress.toProcess == 1, "only the video is sampled again")
        let video = try #require(try engine.library.item(path: RawPath(fixture.folder.path("notes/pictures/clip.mov"))))
        #expect(video.metadata["frame_rate_sampled"] == .number(2))
        let reading = try engine.index(roots: root, pictures: PictureOptions(fps: 2, ocr: .on))
        #expect(reading.progress.toProcess == 4, "every picture is read again for its text")
    }
}
