import Foundation
import MLibCore
import MLibExport
import MLibTestSupport
import Testing

@Suite struct CSVExporterTests {
    /// The rows as Python's `csv` module reads the bytes, header first.
    private func pythonRows(_ bytes: [UInt8]) throws -> [[String]] {
        let directory = try TemporaryDirectory(prefix: "mlib-csv")
        defer { directory.remove() }
        let file = directory.path("clips.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let script = """
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8", newline="") as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """
        let output = try ExternalTool.run("python3", ["-c", script, file])
        try #require(output.status == 0, "\(output.stderrString)")
        return try JSONDecoder().decode([[String]].self, from: output.stdout)
    }

    @Test func everyHitIsOneRowUnderTheHeader() throws {
        let rows = try pythonRows(CSVExporter().render(SampleResults.varied))
        #expect(rows.first == ["rank", "score", "kind", "path", "title", "start", "end", "moment", "snippet", "duration"])
        #expect(rows.dropFirst().map { $0[0] } == ["1", "2", "3", "4", "5", "6"])
        #expect(rows.dropFirst().map { $0[2] } == ["video", "image", "video", "text", "video", "video"])
        #expect(rows.allSatisfy { $0.count == 10 })
    }

    @Test func fieldsKeepCommasQuotesAndLineBreaksInside() throws {
        var results = SampleResults.varied
        results.hits[0].title = "Sunset, \"golden\" hour\r\nat the beach"
        let rows = try pythonRows(CSVExporter().render(results))
        #expect(rows[1][4] == "Sunset, \"golden\" hour\r\nat the beach")
        #expect(rows[3][4] == SampleResults.evilTitle)
        #expect(rows[3][3] == "/media/line\nbreak.mp4")
    }

    @Test func recordsEndWithCRLF() {
        let text = String(decoding: CSVExporter().render(SampleResults.empty()), as: UTF8.self)
        #expect(text == "rank,score,kind,path,title,start,end,moment,snippet,duration\r\n")
        let full = String(decoding: CSVExporter().render(SampleResults.varied), as: UTF8.self)
        // The sample holds no CR of its own, and its line breaks stay inside quoted fields.
        #expect(full.components(separatedBy: "\r\n").count - 1 == 1 + SampleResults.varied.hits.count)
        #expect(full.hasSuffix("\r\n"))
    }

    @Test func momentsSnippetsAndNumbersAreReadable() throws {
        let rows = try pythonRows(CSVExporter().render(SampleResults.varied))
        let beach = rows[1]
        #expect(beach[1] == "0.9313")
        #expect(Array(beach[5...9]) == ["12.5", "20", "sunset cue", "the sunset over the sea\nat the beach", "95.4"])
        let image = rows[2]
        #expect(Array(image[4...9]) == ["", "", "", "", "", ""], "no title, moment, snippet or duration")
        #expect(image[3] == "/t\u{FFFD}.jpg", "bytes that are not UTF-8 become U+FFFD")
        #expect(rows[4][8] == "a sunset walk", "highlight marks are dropped")
    }
}
