import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct VideoExtractorTests {
    static let goodVideos = ["tagged.mp4", "chapters.mkv", "clip.webm", "clip.avi", "clip.mov", "sidecar.mp4"]

    static func path(_ name: String) -> String { Fixtures.path("videos/" + name) }

    static func extract(_ path: String) throws(MediaError) -> Extraction {
        let file = try SourceFile(path: RawPath(path))
        return try VideoExtractor.extract(file, mime: "video/mp4")
    }

    static func extractionError(_ path: String) -> MediaError? {
        do {
            _ = try extract(path)
            return nil
        } catch {
            return error
        }
    }

    /// What ffprobe says about `path`, as parsed JSON.
    static func probe(_ path: String, _ arguments: [String]) throws -> [String: Any] {
        let output = try ExternalTool.run("ffprobe", ["-v", "quiet", "-print_format", "json"] + arguments + [path])
        try #require(output.status == 0, "ffprobe failed: \(output.stderrString)")
        return try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any])
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let text as String: Double(text)
        case let number as NSNumber: number.doubleValue
        default: nil
        }
    }

    static func rational(_ text: String?) -> Double? {
        guard let parts = text?.split(separator: "/"), parts.count == 2,
            let num = Double(parts[0]), let den = Double(parts[1]), den != 0, num != 0
        else { return nil }
        return num / den
    }

    static func tag(_ tags: Any?, _ key: String) -> String? {
        (tags as? [String: Any])?.first { $0.key.lowercased() == key }?.value as? String
    }

    @Test(arguments: goodVideos)
    func metadataAgreesWithFFprobe(name: String) throws {
        let path = Self.path(name)
        let extraction = try Self.extract(path)
        let probe = try Self.probe(path, ["-show_format", "-show_streams", "-show_chapters"])
        let format = try #require(probe["format"] as? [String: Any])
        let streams = try #require(probe["streams"] as? [[String: Any]])
        let metadata = extraction.metadata

        #expect(extraction.kind == .video)
        let duration = try #require(Self.number(format["duration"]))
        #expect(abs((extraction.duration ?? -1) - duration) < 0.01)
        #expect(abs((metadata["duration"]?.numberValue ?? -1) - duration) < 0.01)
        #expect(metadata["container"]?.stringValue == format["format_name"] as? String)
        #expect(metadata["format_long_name"]?.stringValue == format["format_long_name"] as? String)
        #expect(metadata["bit_rate"]?.numberValue == Self.number(format["bit_rate"]))

        let video = try #require(streams.first { $0["codec_type"] as? String == "video" })
        #expect(metadata["video_codec"]?.stringValue == video["codec_name"] as? String)
        #expect(metadata["width"]?.numberValue == Self.number(video["width"]))
        #expect(metadata["height"]?.numberValue == Self.number(video["height"]))
        let frameRate = try #require(Self.rational(video["avg_frame_rate"] as? String))
        #expect(abs((metadata["frame_rate"]?.numberValue ?? -1) - frameRate) < 1e-9)
        let sideData = video["side_data_list"] as? [[String: Any]]
        let rotation = sideData?.compactMap { Self.number($0["rotation"]) }.first
        #expect(metadata["rotation"]?.numberValue == rotation)
        let audio = streams.first { $0["codec_type"] as? String == "audio" }
        #expect(metadata["audio_codec"]?.stringValue == audio?["codec_name"] as? String)

        for key in ["title", "comment", "description", "creation_time"] {
            #expect(metadata[key]?.stringValue == Self.tag(format["tags"], key), "tag \(key)")
        }
        #expect(extraction.title == Self.tag(format["tags"], "title"))

        let chapters = probe["chapters"] as? [[String: Any]] ?? []
        let ours = metadata["chapters"]?.arrayValue ?? []
        #expect(ours.count == chapters.count)
        for (mine, theirs) in zip(ours, chapters) {
            #expect(abs((mine["start"]?.numberValue ?? -1) - (Self.number(theirs["start_time"]) ?? -2)) < 0.001)
            #expect(abs((mine["end"]?.numberValue ?? -1) - (Self.number(theirs["end_time"]) ?? -2)) < 0.001)
            #expect(mine["title"]?.stringValue == Self.tag(theirs["tags"], "title"))
        }

        let subtitleStreams = streams.filter { $0["codec_type"] as? String == "subtitle" }
        let subtitles = metadata["subtitles"]?.arrayValue ?? []
        #expect(subtitles.count == subtitleStreams.count)
        for (mine, theirs) in zip(subtitles, subtitleStreams) {
            #expect(mine["index"]?.numberValue == Self.number(theirs["index"]))
            #expect(mine["codec"]?.stringValue == theirs["codec_name"] as? String)
            #expect(mine["language"]?.stringValue == Self.tag(theirs["tags"], "language"))
        }
    }

    @Test(arguments: ["tagged.mp4", "chapters.mkv", "clip.webm"])
    func subtitleCuesMatchFFprobePackets(name: String) throws {
        let path = Self.path(name)
        let extraction = try Self.extract(path)
        let probe = try Self.probe(path, ["-show_packets", "-select_streams", "s", "-show_streams"])
        let codec = (probe["streams"] as? [[String: Any]])?.first?["codec_name"] as? String
        let packets = try #require(probe["packets"] as? [[String: Any]]).filter {
            // An MP4 fills the gaps between cues with empty 2-byte samples.
            codec != "mov_text" || (Self.number($0["size"]) ?? 0) > 2
        }
        #expect(!packets.isEmpty)
        let chapterCount = extraction.metadata["chapters"]?.arrayValue?.count ?? 0
        let cues = Array(extraction.segments.filter { $0.field == .subtitle }.dropFirst(chapterCount))
        #expect(cues.count == packets.count)
        for (cue, packet) in zip(cues, packets) {
            let start = try #require(Self.number(packet["pts_time"]))
            let length = try #require(Self.number(packet["duration_time"]))
            #expect(abs((cue.start ?? -1) - start) < 0.001)
            #expect(abs((cue.end ?? -1) - (start + length)) < 0.001)
        }
    }

    @Test func readsSubtitleTextTagsAndChaptersAsEvidence() throws {
        let mp4 = try Self.extract(Self.path("tagged.mp4"))
        #expect(mp4.title == "Beach day")
        #expect(mp4.segments.contains(SegmentDraft(field: .title, text: "Beach day")))
        #expect(mp4.segments.contains(SegmentDraft(field: .body, text: "Filmed at the seaside cafe")))
        #expect(mp4.metadata["rotation"] == -90)
        #expect(mp4.metadata["creation_time"] == "2021-06-05T14:30:00.000000Z")
        let mp4Cues = mp4.segments.filter { $0.field == .subtitle }.map(\.text)
        #expect(mp4Cues == ["Hello from the beach", "Café à la plage", "Waves, sand\nand sun"])

        let mkv = try Self.extract(Self.path("chapters.mkv"))
        #expect(mkv.title == "Mountain walk")
        #expect(mkv.segments.contains(SegmentDraft(field: .body, text: "A walk up the hill, filmed in one take.")))
        #expect(
            mkv.segments.contains(SegmentDraft(field: .subtitle, text: "Forest path", start: 1, end: 2)))
        let mkvCues = mkv.segments.filter { $0.field == .subtitle }.map(\.text)
        #expect(mkvCues.suffix(2) == ["Up we go, step by step", "Birds in the trees\nListen"])
        #expect(mkv.metadata["subtitles"] == [["index": 1, "codec": "ass", "language": "eng", "cues": 2]])

        let webm = try Self.extract(Self.path("clip.webm"))
        #expect(webm.segments.filter { $0.field == .subtitle }.map(\.text) == ["A red kite", "over the river"])
    }

    @Test func readsSidecarSubtitles() throws {
        let extraction = try Self.extract(Self.path("sidecar.mp4"))
        let cues = extraction.segments.filter { $0.field == .subtitle }
        #expect(
            cues == [
                SegmentDraft(field: .subtitle, text: "Sidecar hello", start: 0.5, end: 1.0),
                SegmentDraft(field: .subtitle, text: "Goodbye", start: 1.0, end: 1.9),
                SegmentDraft(field: .subtitle, text: "From the web track", start: 0.25, end: 0.75),
                SegmentDraft(field: .subtitle, text: "Grüße aus Berlin", start: 0.1, end: 0.9),
            ])
        #expect(
            extraction.metadata["sidecar_subtitles"] == [
                ["file": "sidecar.srt", "cues": 2], ["file": "sidecar.vtt", "cues": 1],
                ["file": "sidecar.de.srt", "cues": 1, "language": "de"],
            ])
    }

    @Test func opensNamesThatLookLikeProtocols() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let copy = folder.path("concat:subfile,,start,0,end,1,,:clip.mov")
        try FileManager.default.copyItem(atPath: Self.path("clip.mov"), toPath: copy)
        let extraction = try Self.extract(copy)
        #expect(extraction.title == "Blue screen")
    }

    @Test func truncatedMP4WithoutIndexIsTruncated() {
        let error = Self.extractionError(Self.path("truncated.mp4"))
        #expect(error?.code == .truncated)
        #expect(error?.description.contains("truncated.mp4") == true)
        #expect(error?.description.contains("'mdat'") == true)
    }

    @Test func mp4CutInTheMiddleIsTruncated() {
        let error = Self.extractionError(Self.path("cut-faststart.mp4"))
        #expect(error?.code == .truncated)
        #expect(error?.description.contains("cut-faststart.mp4") == true)
    }

    @Test func randomBytesAreCorrupt() {
        let error = Self.extractionError(Self.path("random.mp4"))
        #expect(error?.code == .corrupt)
        #expect(
            error?.description
                == "\(Self.path("random.mp4")): not a readable video: Invalid data found when processing input")
    }

    @Test func emptyFileIsEmpty() {
        let error = Self.extractionError(Self.path("empty.mp4"))
        #expect(error?.code == .empty)
        #expect(error?.description.contains("empty.mp4") == true)
    }

    @Test func audioOnlyIsUnsupported() {
        let error = Self.extractionError(Self.path("audio-only.mp4"))
        #expect(error?.code == .unsupported)
        #expect(error?.description.contains("no video stream") == true)
    }

    @Test func givesUpWhenTheDeadlinePasses() {
        do {
            _ = try FFmpegInput(path: RawPath(Self.path("tagged.mp4")), timeLimit: 0)
            Issue.record("FFmpeg ignored a deadline in the past")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.description.contains("tagged.mp4: gave up: FFmpeg took too long"))
        }
    }

    @Test func fileRemovedAfterOpeningHasVanished() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let copy = folder.path("gone.mov")
        try FileManager.default.copyItem(atPath: Self.path("clip.mov"), toPath: copy)
        let file = try SourceFile(path: RawPath(copy))
        try FileManager.default.removeItem(atPath: copy)
        do {
            _ = try VideoExtractor.extract(file, mime: "video/quicktime")
            Issue.record("a removed file was read")
        } catch {
            #expect(error.code == .vanished)
            #expect(error.description.contains("gone.mov"))
        }
    }
}
