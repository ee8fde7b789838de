import MLibCore
import MLibExport
import Testing

@Suite struct M3UExporterTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private func lines(_ bytes: [UInt8]) -> [String] {
        text(bytes).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func startsWithTheHeaderAndNamesThePlaylist() {
        let playlist = lines(M3UExporter().render(SampleResults.varied))
        #expect(playlist.first == "#EXTM3U")
        #expect(playlist.dropFirst().first == "#PLAYLIST:mlib: sunset \"beach\"")
    }

    @Test func everyAwkwardPathRoundTripsThroughTheParser() {
        let exporter = M3UExporter(includeImages: true)
        let entries = M3UParser().parse(exporter.render(SampleResults.varied))
        #expect(entries.map(\.path) == [
            SampleResults.beachPath, SampleResults.nonUTF8Path, SampleResults.newlinePath,
            SampleResults.hashPath, SampleResults.percentPath,
        ])
    }

    @Test(arguments: [
        RawPath("/plain/clip.mp4"),
        RawPath("/with spaces/my clip.mp4"),
        RawPath("/media/#hash first.mp4"),
        RawPath("/media/100%25 percent.mp4"),
        RawPath("/tab\tand\rreturn.mp4"),
        RawPath("/trailing space.mp4 "),
        RawPath("/caf\u{E9} \u{6F22}\u{5B57}.mp4"),
        RawPath("/nel\u{85}sep\u{2028}.mp4"),
        RawPath(bytes: Array("/latin1-".utf8) + [0xE9, 0xFF, 0x0A, 0x80] + Array(".mp4".utf8)),
        RawPath("#relative.mp4"),
        RawPath("file:relative.mp4"),
    ])
    func singlePathRoundTrips(_ path: RawPath) throws {
        var results = SampleResults.empty()
        results.hits = [SearchHit(rank: 1, score: 1, itemID: 1, path: path, kind: .video, mime: "video/mp4")]
        let bytes = M3UExporter().render(results)
        let entry = try #require(M3UParser().parse(bytes).first)
        #expect(entry.path == path)
        let playlist = lines(bytes)
        #expect(playlist.count == 4, "#EXTM3U, #PLAYLIST, #EXTINF and one location line")
        #expect(playlist.filter { !$0.hasPrefix("#") }.count == 1)
    }

    @Test func safePathsStayPlainAndOthersBecomeFileURIs() {
        let playlist = lines(M3UExporter(includeImages: true).render(SampleResults.varied))
        #expect(playlist.contains("/media/clips/beach sunset.mp4"))
        #expect(playlist.contains("/media/#1 clip.mkv"))
        #expect(playlist.contains("/media/100% real.webm"))
        #expect(playlist.contains("file:///t%FF.jpg"))
        #expect(playlist.contains("file:///media/line%0Abreak.mp4"))
    }

    @Test func titleCannotInjectAnEntry() throws {
        let bytes = M3UExporter().render(SampleResults.varied)
        let playlist = lines(bytes)
        #expect(!playlist.contains { $0.hasPrefix("#EXTINF:0,evil") })
        #expect(!playlist.contains("/etc/passwd"))
        let entries = M3UParser().parse(bytes)
        #expect(entries.count == 4, "the four videos, nothing injected")
        let evil = try #require(entries.first { $0.path == SampleResults.newlinePath })
        #expect(evil.title == "Trailer #EXTINF:0,evil /etc/passwd")
    }

    @Test func titlesFallBackToTheFileNameAndLoseControlCharacters() {
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(
                rank: 1, score: 1, itemID: 1, path: RawPath("/v/a.mp4"), kind: .video, mime: "video/mp4",
                title: "tab\there\u{1B}[31mred\u{7F}  and\u{2029}more"),
            SearchHit(rank: 2, score: 1, itemID: 2, path: RawPath("/v/named file.mp4"), kind: .video, mime: "video/mp4"),
        ]
        let titles = M3UParser().parse(M3UExporter().render(results)).map(\.title)
        #expect(titles == ["tab here [31mred and more", "named file.mp4"])
    }

    @Test func durationsAreWholeSecondsOrUnknown() {
        let exporter = M3UExporter(useMoments: false)
        let entries = M3UParser().parse(exporter.render(SampleResults.varied))
        #expect(entries.map(\.duration) == [95, nil, 4, 12])
        #expect(lines(exporter.render(SampleResults.varied)).contains { $0.hasPrefix("#EXTINF:-1,") })
    }

    @Test func imagesAreLeftOutUnlessAskedFor() {
        let byDefault = M3UParser().parse(M3UExporter().render(SampleResults.varied))
        #expect(!byDefault.contains { $0.path == SampleResults.nonUTF8Path })

        let withImages = M3UParser().parse(M3UExporter(includeImages: true).render(SampleResults.varied))
        let image = withImages.first { $0.path == SampleResults.nonUTF8Path }
        #expect(image?.duration == 5)
        #expect(image?.title == "t\u{FFFD}.jpg")

        let unknownStill = M3UParser().parse(
            M3UExporter(includeImages: true, imageSeconds: nil).render(SampleResults.varied))
        #expect(unknownStill.contains { $0.path == SampleResults.nonUTF8Path && $0.duration == nil })
    }

    @Test func textNotesAreNeverListed() {
        for includeImages in [false, true] {
            let entries = M3UParser().parse(M3UExporter(includeImages: includeImages).render(SampleResults.varied))
            #expect(!entries.contains { $0.path == SampleResults.notePath })
        }
    }

    @Test func momentsBecomeVLCStartAndStopTimesByDefault() {
        let entries = M3UParser().parse(M3UExporter().render(SampleResults.editorial))
        #expect(entries.map(\.path) == [
            SampleResults.beachPath, SampleResults.harbourPath, SampleResults.oddVideoPath,
            SampleResults.unknownLengthPath, SampleResults.palPath,
        ])
        #expect(entries.map(\.startTime) == [12.5, nil, 3, nil, nil])
        #expect(entries.map(\.stopTime) == [20, nil, 7.25, nil, nil], "a moment at one instant plays the whole video")
        #expect(entries.first?.options == ["start-time=12.5", "stop-time=20"])

        let whole = M3UParser().parse(M3UExporter(useMoments: false).render(SampleResults.editorial))
        #expect(whole.allSatisfy { $0.options.isEmpty && $0.startTime == nil })
    }

    @Test func aMomentsEntryGivesItsLengthAndNamesItsStretch() {
        let playlist = lines(M3UExporter().render(SampleResults.editorial))
        let beach = playlist.firstIndex(of: SampleResults.beachPath.string) ?? 0
        #expect(Array(playlist[(beach - 3)...beach]) == [
            "#EXTVLCOPT:start-time=12.5", "#EXTVLCOPT:stop-time=20",
            "#EXTINF:7.5,Sunset 🌅 at the beach \u{2014} 0:12\u{2013}0:20", SampleResults.beachPath.string,
        ])
        #expect(playlist.contains("#EXTINF:4.25,line break \u{FFFD}.mp4 \u{2014} 0:03\u{2013}0:08"))
        #expect(playlist.contains("#EXTINF:30,harbour.mov"), "no moment: the whole video")
    }

    @Test func momentTitlesCountHoursPastTheFirst() {
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(
                rank: 1, score: 1, itemID: 1, path: RawPath("/v/long.mp4"), kind: .video, mime: "video/mp4",
                title: "Long", duration: 9000, moments: [Moment(start: 3599.5, end: 3725.2)]),
        ]
        let entry = M3UParser().parse(M3UExporter().render(results)).first
        #expect(entry?.title == "Long \u{2014} 59:59\u{2013}1:02:06")
        #expect(entry?.startTime == 3599.5 && entry?.stopTime == 3725.2)
    }

    @Test func emptyResultsGiveAValidEmptyPlaylist() {
        let bytes = M3UExporter().render(SampleResults.empty())
        #expect(lines(bytes) == ["#EXTM3U", "#PLAYLIST:mlib: red dress"])
        #expect(M3UParser().parse(bytes).isEmpty)
    }
}
