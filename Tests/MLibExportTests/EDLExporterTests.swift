import Foundation
import MLibCore
import MLibExport
import Testing

@Suite struct EDLExporterTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func headerNamesTheQueryAndNonDropFrameCounting() throws {
        let bytes = EDLExporter().render(SampleResults.editorial)
        #expect(text(bytes).hasPrefix("TITLE: harbour at dawn\r\nFCM: NON-DROP FRAME\r\n"))
        let list = try EDLParser().parse(bytes)
        #expect(list.title == "harbour at dawn")
        #expect(!list.isDropFrame)
    }

    @Test func eventsAreTheVideosInRankOrderFromReelAX() throws {
        let list = try EDLParser().parse(EDLExporter().render(SampleResults.editorial))
        #expect(list.events.map(\.number) == [1, 2, 3, 4])
        #expect(list.events.allSatisfy { $0.reel == "AX" && $0.track == "V" && $0.transition == "C" })
        #expect(list.events.map(\.clipName) == ["beach sunset.mp4", "harbour.mov", "line\\nbreak \u{FFFD}.mp4", "pal.mp4"])
        #expect(list.events.map(\.sourceFile) == [
            "/media/clips/beach sunset.mp4", "/media/film/harbour.mov", "/media/odd dir/line\\nbreak \u{FFFD}.mp4",
            "/media/pal.mp4",
        ])
    }

    @Test func sourceTimesAreTheMomentsAtTheListsTimebase() throws {
        // The first clip is 29.97 fps, so the list counts 30 a second, non-drop; that clip
        // counts its own frames, the 23.976 and 25 fps clips are counted at 30.
        let list = try EDLParser().parse(EDLExporter().render(SampleResults.editorial))
        let source = list.events.map { [$0.sourceIn.frame(timebase: 30), $0.sourceOut.frame(timebase: 30)] }
        #expect(source == [
            [375, 599],  // 12.5 s to 20 s at 30000/1001
            [0, 900],  // no moment: all 30 s
            [90, 218],  // 3 s to 7.25 s
            [1200, 1201],  // 40 s, one frame for a moment at one instant
        ])
        #expect(list.events.first?.sourceIn.description == "00:00:12:15")
    }

    @Test func recordTimesAreLaidEndToEndFromOneHour() throws {
        let list = try EDLParser().parse(EDLExporter().render(SampleResults.editorial))
        #expect(list.events.first?.recordIn == EDLTimecode(hours: 1, minutes: 0, seconds: 0, frames: 0))
        for event in list.events {
            let length = event.sourceOut.frame(timebase: 30) - event.sourceIn.frame(timebase: 30)
            #expect(event.recordOut.frame(timebase: 30) - event.recordIn.frame(timebase: 30) == length)
        }
        for (before, after) in zip(list.events, list.events.dropFirst()) {
            #expect(before.recordOut == after.recordIn)
        }
    }

    @Test(arguments: [
        (29.97, 30), (23.976, 24), (25.0, 25), (59.94, 60), (nil, 25), (15.0, 30), (12.0, 24), (90.0, 60),
    ] as [(Double?, Int)])
    func theTimebaseIsTheFirstClipsRateAsSMPTETimecodeCountsIt(_ rate: Double?, _ timebase: Int) throws {
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(
                rank: 1, score: 1, itemID: 1, path: RawPath("/v/a.mp4"), kind: .video, mime: "video/mp4",
                duration: 10, metadata: rate.map { ["frame_rate": .number($0)] } ?? [:],
                moments: [Moment(start: 2, end: 4)]),
        ]
        let bytes = EDLExporter().render(results)
        let event = try #require(try EDLParser().parse(bytes).events.first)
        // Two seconds of timecode at the timebase: its frame count is two timebases.
        #expect(event.sourceIn == EDLTimecode(hours: 0, minutes: 0, seconds: 2, frames: 0))
        #expect(event.recordIn.frame(timebase: timebase) == 3600 * timebase)
        // OpenTimelineIO reads the list at that rate, which it accepts only for SMPTE rates.
        let summary = try OTIOCheck.summary(ofEDL: bytes, rate: timebase)
        let clip = summary["tracks"]?.arrayValue?.first?["clips"]?.arrayValue?.first
        #expect(clip?["source_range"]?["start"] == 2 && clip?["source_range"]?["duration"] == 2)
    }

    @Test func everyLineIsAHeaderAnEventOrAComment() {
        var results = SampleResults.editorial
        results.query = "two\nlines\u{2028}query"
        let lines = text(EDLExporter().render(results)).components(separatedBy: "\r\n").dropLast()
        #expect(lines.first == "TITLE: two lines query")
        let event = /^\d{3}  AX {7}V {5}C {8}(\d\d:\d\d:\d\d:\d\d ){3}\d\d:\d\d:\d\d:\d\d$/
        for line in lines {
            let known =
                line.hasPrefix("TITLE: ") || line == "FCM: NON-DROP FRAME" || line.isEmpty
                || line.hasPrefix("* FROM CLIP NAME: ") || line.hasPrefix("* SOURCE FILE: ")
                || line.wholeMatch(of: event) != nil
            #expect(known, "unexpected line \(line.debugDescription)")
            #expect(!line.contains("\n") && !line.contains("\r"))
        }
    }

    @Test func openTimelineIOsCMX3600AdapterReadsTheSameCuts() throws {
        let bytes = EDLExporter().render(SampleResults.editorial)
        let ours = try EDLParser().parse(bytes)
        let summary = try OTIOCheck.summary(ofEDL: bytes, rate: 30)
        #expect(summary["name"] == "harbour at dawn")
        let clips = summary["tracks"]?.arrayValue?.first?["clips"]?.arrayValue ?? []
        #expect(clips.map { $0["name"]?.stringValue } == ours.events.map(\.clipName))
        #expect(
            clips.map { [$0["source_range"]?["start_frames"], $0["source_range"]?["duration_frames"]] }
                == ours.events.map {
                    let start = $0.sourceIn.frame(timebase: 30)
                    return [.number(Double(start)), .number(Double($0.sourceOut.frame(timebase: 30) - start))]
                })
        // OTIO keeps comments it has no field for, the source file among them.
        let comments = clips.map { $0["metadata"]?["cmx_3600"]?["comments"]?.arrayValue ?? [] }
        #expect(comments == ours.events.map { [JSONValue.string("SOURCE FILE: " + ($0.sourceFile ?? ""))] })
        // Laid end to end: each clip starts on the track where the one before ends.
        let onTrack = clips.compactMap { $0["range_in_track"]?["start_frames"]?.numberValue }
        let lengths = clips.compactMap { $0["source_range"]?["duration_frames"]?.numberValue }
        #expect(onTrack == [0] + lengths.dropLast().reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) })
    }

    @Test func emptyResultsGiveAListWithNoEvents() throws {
        let list = try EDLParser().parse(EDLExporter().render(SampleResults.empty()))
        #expect(list.title == "red dress")
        #expect(list.events.isEmpty)
    }
}
