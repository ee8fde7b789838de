import Foundation
import MLibExport
import MLibTestSupport
import Testing

/// `mlib search --format otio|edl|csv` on a library whose hits are a note and two
/// videos: the files an editor or a spreadsheet opens, checked by the tools that read
/// them, and the note on stderr about what a timeline leaves out.
@Suite(.serialized) struct ExportFormatsCommandTests {
    static let query = "lanterns canal"
    static let python = Fixtures.packageRoot + "/.build/pyenv/bin/python"

    let folder: TemporaryDirectory
    let mlib: MLibBinary
    let media: String

    init() throws {
        folder = try TemporaryDirectory(prefix: "mlib-export-cli")
        mlib = MLibBinary(library: folder.path("library.sqlite"))
        media = folder.path("media")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        try "Canal walk\n\nLanterns hang along the canal by the lock gates.".write(
            toFile: media + "/canal.md", atomically: true, encoding: .utf8)
        for (name, seconds) in [("lanterns.mp4", 6), ("lanterns-on-the-canal.mp4", 4)] {
            let made = try ExternalTool.run(
                "ffmpeg",
                [
                    "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=\(seconds)",
                    "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p", media + "/" + name,
                ])
            #expect(made.status == 0, "ffmpeg: \(made.stderrString)")
        }
        try """
            1
            00:00:00,500 --> 00:00:02,000
            Gulls circle over the fish market

            2
            00:00:03,000 --> 00:00:05,000
            Lanterns drift along the canal

            """.write(toFile: media + "/lanterns.srt", atomically: true, encoding: .utf8)
        let index = try mlib.run(["index", media])
        #expect(index.status == 0, "\(index.stderrString)")
    }

    /// The hits as JSON shows them: path, kind and first moment.
    func hits() throws -> [(path: String, kind: String, moment: (start: Double, end: Double)?)] {
        let output = try mlib.run(["search", Self.query, "--format", "json"])
        #expect(output.status == 0, "\(output.stderrString)")
        let document = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any])
        return (document["results"] as? [[String: Any]] ?? []).map { hit in
            let moment = (hit["moments"] as? [[String: Any]])?.first.flatMap { moment -> (Double, Double)? in
                guard let start = moment["start"] as? Double, let end = moment["end"] as? Double else { return nil }
                return (start, end)
            }
            return (hit["path"] as? String ?? "", hit["kind"] as? String ?? "", moment)
        }
    }

    /// The stderr note a timeline gets when it leaves the note out.
    func expectLeftOutNote(_ stderr: String, hits: Int, texts: Int) {
        let lines = stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "\(stderr)")
        #expect(lines.first?.contains("\(texts) of \(hits) results left out (\(texts) text)") == true, "\(stderr)")
        #expect(lines.first?.contains("timeline") == true)
    }

    @Test func otioWritesATimelineOpenTimelineIOReads() throws {
        defer { folder.remove() }
        let hits = try hits()
        let videos = hits.filter { $0.kind == "video" }
        #expect(videos.count == 2 && hits.count == 3, "\(hits.map(\.path))")
        let file = folder.path("clips.otio")
        let output = try mlib.run(["search", Self.query, "--format", "otio", "--output", file])
        #expect(output.status == 0 && output.stdout.isEmpty, "\(output.stderrString)")
        expectLeftOutNote(output.stderrString, hits: hits.count, texts: hits.count - videos.count)

        try #require(FileManager.default.isExecutableFile(atPath: Self.python), "OpenTimelineIO's venv is missing: run `make deps`")
        let read = try ExternalTool.run(Self.python, [Fixtures.path("otio-check.py"), file])
        #expect(read.status == 0, "OpenTimelineIO cannot read it: \(read.stderrString)")
        let summary = try #require(try JSONSerialization.jsonObject(with: read.stdout) as? [String: Any])
        let clips = ((summary["tracks"] as? [[String: Any]])?.first?["clips"] as? [[String: Any]]) ?? []
        #expect(clips.count == videos.count)
        for (clip, video) in zip(clips, videos) {
            let target = clip["target_url"] as? String ?? ""
            #expect(target.hasPrefix("file://") && target.hasSuffix(URL(fileURLWithPath: video.path).lastPathComponent), "\(target)")
            let range = try #require(clip["source_range"] as? [String: Any])
            if let moment = video.moment {
                #expect(abs((range["start"] as? Double ?? -1) - moment.start) < 0.05, "the clip starts at the moment")
                #expect(abs((range["duration"] as? Double ?? -1) - (moment.end - moment.start)) < 0.05)
            }
        }
        let lanterns = try #require(videos.first { $0.path.hasSuffix("/lanterns.mp4") })
        #expect(lanterns.moment.map { $0.start == 3 && $0.end == 5 } == true, "the cue that holds the words")
    }

    @Test func edlWritesEventsTheParserReads() throws {
        defer { folder.remove() }
        let hits = try hits()
        let videos = hits.filter { $0.kind == "video" }
        #expect(videos.count == 2)
        let output = try mlib.run(["search", Self.query, "--format", "edl"])
        #expect(output.status == 0, "\(output.stderrString)")
        expectLeftOutNote(output.stderrString, hits: hits.count, texts: hits.count - videos.count)
        let list = try EDLParser().parse([UInt8](output.stdout))
        #expect(list.events.count == videos.count)
        for (event, video) in zip(list.events, videos) {
            let named = [event.sourceFile, event.clipName].compactMap { $0 }
            #expect(named.contains { $0.hasSuffix(URL(fileURLWithPath: video.path).lastPathComponent) }, "\(event)")
            #expect(event.track == "V" && event.transition == "C")
        }
        // Events follow one another on the record side.
        for (earlier, later) in zip(list.events, list.events.dropFirst()) {
            #expect(earlier.recordOut == later.recordIn)
        }
    }

    @Test func csvHasItsHeaderAndARowPerHitOfEveryKind() throws {
        defer { folder.remove() }
        let hits = try hits()
        let output = try mlib.run(["search", Self.query, "--format", "csv"])
        #expect(output.status == 0, "\(output.stderrString)")
        #expect(output.stderrString.isEmpty, "a spreadsheet leaves nothing out: \(output.stderrString)")
        let read = try ExternalTool.run(
            "python3", ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))"], input: output.stdout)
        let rows = try #require(try JSONSerialization.jsonObject(with: read.stdout) as? [[String]], "\(read.stderrString)")
        #expect(rows.first == ["rank", "score", "kind", "path", "title", "start", "end", "moment", "snippet", "duration"])
        #expect(rows.dropFirst().map { $0[3] } == hits.map(\.path))
        #expect(rows.dropFirst().map { $0[2] } == hits.map(\.kind))
    }
}
