import MLibCore
@testable import MLibExport
import Testing

@Suite struct TableExporterTests {
    private func lines(_ exporter: TableExporter, _ results: SearchResults = SampleResults.varied) -> [String] {
        String(decoding: exporter.render(results), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func rowsShowRankScoreKindTitleAndPathInAlignedColumns() {
        let rows = lines(TableExporter()).filter { !$0.hasPrefix(" ") }
        #expect(rows == [
            "1  0.93  video  Sunset 🌅 at the beach              /media/clips/beach sunset.mp4",
            "2  0.50  image  t\u{FFFD}.jpg                              /t\u{FFFD}.jpg",
            "3  0.42  video  Trailer #EXTINF:0,evil /etc/passwd  /media/line\\nbreak.mp4",
            "4  0.30  text   Ideas                               /notes/#ideas.md",
            "5  0.20  video  #1 clip.mkv                         /media/#1 clip.mkv",
            "6  0.10  video  100% real.webm                      /media/100% real.webm",
        ])
    }

    @Test func snippetGoesOnAnIndentedSecondLine() {
        let table = lines(TableExporter())
        // The first hit is a video: its best moment leads the line.
        #expect(table[1] == "                0:12.5–0:20.0  the «sunset» over the sea at the «beach»")
        let noteRow = table.firstIndex { $0.hasPrefix("4  0.30  text ") }
        #expect(noteRow.map { table[$0 + 1] } == "                a «sunset» walk")
    }

    @Test func everyHitIsOneRowPlusItsSnippetWhateverItsName() {
        let results = SampleResults.varied
        let table = lines(TableExporter())
        let snippets = results.hits.filter { $0.snippet != nil }.count
        #expect(table.count == results.hits.count + snippets)
    }

    @Test func nothingInANameReachesTheTerminalAsAControlCharacter() {
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(
                rank: 1, score: 1, itemID: 1, path: RawPath("/x/\u{1B}]0;owned\u{07}\u{9B}31m.mp4"), kind: .video,
                mime: "video/mp4", title: "\u{1B}[2Jclear", snippet: "bell\u{07}«hit»")
        ]
        for color in [false, true] {
            let text = String(decoding: TableExporter(color: color).render(results), as: UTF8.self)
            let controls = text.unicodeScalars.filter { $0 != "\n" && $0.isControlOrLineBreak }
            let escapes = color ? 2 : 0
            #expect(controls.count == escapes, "only the bold on/off escapes may remain")
        }
    }

    @Test func clockShowsMinutesSecondsAndTenths() {
        #expect(TableExporter.clock(0) == "0:00.0")
        #expect(TableExporter.clock(75.25) == "1:15.2")
        #expect(TableExporter.clock(3599.99) == "59:59.9")
    }

    @Test func colorTurnsMarkersIntoBold() {
        let table = lines(TableExporter(color: true))
        #expect(table[1] == "                0:12.5–0:20.0  the \u{1B}[1msunset\u{1B}[22m over the sea at the \u{1B}[1mbeach\u{1B}[22m")
        #expect(!table.joined().contains("«"))
    }

    @Test(arguments: [8, 20, 30, 45, 60, 80])
    func linesFitTheWidth(_ width: Int) {
        var results = SampleResults.varied
        results.hits.append(
            SearchHit(
                rank: 7, score: 0.05, itemID: 9,
                path: RawPath("/home/ana/Media/2024/\u{6771}\u{4EAC}/very long folder name/clip-0001.mp4"),
                kind: .video, mime: "video/mp4", title: "\u{6771}\u{4EAC}\u{306E}\u{591C} — a long night in Tokyo",
                snippet: String(repeating: "«word» ", count: 30)))
        for color in [false, true] {
            for line in lines(TableExporter(color: color, width: width), results) {
                let visible = line.replacingOccurrences(of: "\u{1B}[1m", with: "")
                    .replacingOccurrences(of: "\u{1B}[22m", with: "")
                #expect(visible.terminalColumns <= width, "\(visible)")
            }
        }
    }

    @Test func cutsKeepTheStartOfTitlesAndTheEndOfPaths() {
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(
                rank: 1, score: 1, itemID: 1, path: RawPath("/a/very/deep/folder/structure/holiday-clip.mp4"),
                kind: .video, mime: "video/mp4", title: "A rather long title about the holiday")
        ]
        let row = lines(TableExporter(width: 60), results)[0]
        #expect(row == "1  1.00  video  A rather long title…   …ure/holiday-clip.mp4")
    }

    @Test func noTruncationWithoutAWidth() {
        let long = String(repeating: "x", count: 500)
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(rank: 1, score: 1, itemID: 1, path: RawPath("/\(long).mp4"), kind: .video, mime: "video/mp4")
        ]
        #expect(lines(TableExporter(), results)[0].contains("/\(long).mp4"))
    }

    @Test func noHitsGiveAFriendlyLine() {
        #expect(lines(TableExporter(), SampleResults.empty()) == ["No matches for \"red dress\"."])
        #expect(lines(TableExporter(), SampleResults.empty(query: "two\nlines")) == ["No matches for \"two lines\"."])
    }

    @Test func terminalColumnsCountWideAndCombiningCharacters() {
        #expect("abc".terminalColumns == 3)
        #expect("\u{6F22}\u{5B57}".terminalColumns == 4)
        #expect("e\u{301}".terminalColumns == 1)
        #expect("🌅".terminalColumns == 2)
        #expect("👩‍👩‍👧".terminalColumns == 2)
    }
}
