import Foundation
import MLibCore
import MLibExport
import Testing

@Suite struct OTIOExporterTests {
    private func clips(_ summary: JSONValue) -> [JSONValue] {
        summary["tracks"]?.arrayValue?.first?["clips"]?.arrayValue ?? []
    }

    /// The path a clip's `target_url` names, decoded as a playlist entry would be.
    private func path(ofURL url: JSONValue?) -> RawPath? {
        url?.stringValue.flatMap { M3UParser().parse(Array($0.utf8)).first?.path }
    }

    @Test func openTimelineIOReadsOneVideoTrackOfTheVideosInRankOrder() throws {
        let summary = try OTIOCheck.summary(ofOTIO: OTIOExporter().render(SampleResults.editorial))
        #expect(summary["name"] == "harbour at dawn")
        #expect(summary["tracks"]?.arrayValue?.map { $0["kind"] } == ["Video"])
        let clips = clips(summary)
        #expect(clips.map { $0["name"] } == ["Sunset 🌅 at the beach", "harbour.mov", "line break \u{FFFD}.mp4", "Flash, \"pal\""])
        #expect(clips.map { path(ofURL: $0["target_url"]) } == [
            SampleResults.beachPath, SampleResults.harbourPath, SampleResults.oddVideoPath, SampleResults.palPath,
        ])
        #expect(clips.map { $0["metadata"]?["mlib"]?["rank"] } == [1, 3, 5, 7])
    }

    @Test func sourceRangesAreTheMomentsInWholeFramesAtEachVideosRate() throws {
        let summary = try OTIOCheck.summary(ofOTIO: OTIOExporter().render(SampleResults.editorial))
        let ranges = clips(summary).map { $0["source_range"] }
        // 12.5 s to 20 s at 30000/1001: frames 375 (374.6) to 599 (599.4).
        #expect(ranges[0]?["start_frames"] == 375 && ranges[0]?["duration_frames"] == 224)
        #expect(abs((ranges[0]?["rate"]?.numberValue ?? 0) - 30000.0 / 1001) < 1e-9)
        // No moment: the whole 30 s at 24000/1001.
        #expect(ranges[1]?["start_frames"] == 0 && ranges[1]?["duration_frames"] == 719)
        // No frame rate: 25. 3 s to 7.25 s is frames 75 to 181.
        #expect(ranges[2]?["start_frames"] == 75 && ranges[2]?["duration_frames"] == 106 && ranges[2]?["rate"] == 25)
        // A moment at one instant still makes a one-frame cut.
        #expect(ranges[3]?["start_frames"] == 1000 && ranges[3]?["duration_frames"] == 1)

        // Seconds, by OTIO's own arithmetic, are the moments' within half a frame.
        let moments = [(12.5, 20.0), (3.0, 7.25)]
        for (range, moment) in zip([ranges[0], ranges[2]], moments) {
            let rate = try #require(range?["rate"]?.numberValue)
            let start = try #require(range?["start"]?.numberValue)
            let end = start + (range?["duration"]?.numberValue ?? 0)
            #expect(abs(start - moment.0) <= 0.5 / rate && abs(end - moment.1) <= 0.5 / rate)
        }
    }

    @Test func availableRangesCoverEachVideoFromItsStart() throws {
        let summary = try OTIOCheck.summary(ofOTIO: OTIOExporter().render(SampleResults.editorial))
        let available = clips(summary).map { $0["available_range"] }
        #expect(available.map { $0?["start_frames"] } == [0, 0, 0, 0])
        #expect(available.map { $0?["duration"]?.numberValue.map { ($0 * 10).rounded() / 10 } } == [95.4, 30, 10, 60])
    }

    @Test func clipsCarryRankScoreQueryAndTheMomentsText() throws {
        let summary = try OTIOCheck.summary(ofOTIO: OTIOExporter().render(SampleResults.editorial))
        let mlib = clips(summary).map { $0["metadata"]?["mlib"] }
        #expect(mlib[0] == ["rank": 1, "score": 0.9313, "query": "harbour at dawn", "moment_text": "boats leave the harbour"])
        #expect(mlib[1]?["moment_text"] == .null, "the whole video, no moment")
        #expect(mlib[2]?["moment_text"] == "the ferry\nleaves")
    }

    @Test func withoutMomentsEveryClipIsTheWholeVideo() throws {
        let summary = try OTIOCheck.summary(ofOTIO: OTIOExporter(useMoments: false).render(SampleResults.editorial))
        let ranges = clips(summary).map { $0["source_range"] }
        #expect(ranges.map { $0?["start_frames"] } == [0, 0, 0, 0])
        #expect(ranges.map { $0?["duration_frames"] } == [2859, 719, 250, 1500])
    }

    @Test func theDocumentIsWhatOpenTimelineIOItselfWrites() throws {
        for results in [SampleResults.editorial, SampleResults.varied, SampleResults.empty()] {
            let bytes = OTIOExporter().render(results)
            let ours = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
            #expect(try OTIOCheck.rewritten(bytes) == ours, "every schema version and field as OTIO 0.18 writes them")
        }
    }

    @Test func emptyResultsGiveAnEmptyTimeline() throws {
        let summary = try OTIOCheck.summary(ofOTIO: OTIOExporter().render(SampleResults.empty()))
        #expect(summary["name"] == "red dress")
        #expect(summary["tracks"]?.arrayValue?.count == 1)
        #expect(clips(summary).isEmpty)
    }
}
