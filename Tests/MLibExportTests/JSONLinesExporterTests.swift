import Foundation
import MLibCore
import MLibExport
import Testing

@Suite struct JSONLinesExporterTests {
    private func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    @Test func everyLineValidatesAgainstTheLineSchema() throws {
        let output = try SchemaValidator.validateLines(JSONLinesExporter().render(SampleResults.varied))
        #expect(output.status == 0, "\(output.stderrString)")
    }

    @Test func lineSchemaRejectsALineWithoutQuery() throws {
        let bytes = JSONLinesExporter().render(SampleResults.varied)
        guard case .object(var line) = try JSONDecoder().decode(JSONValue.self, from: Data(lines(bytes)[0]))
        else {
            Issue.record("the first line is not an object")
            return
        }
        line["query"] = nil
        let output = try SchemaValidator.validateLines(Array(try JSONEncoder().encode(JSONValue.object(line))) + [10])
        #expect(output.status != 0)
    }

    @Test func oneCompleteObjectPerHitEvenWithNewlinesInStrings() throws {
        let results = SampleResults.varied
        let bytes = JSONLinesExporter().render(results)
        #expect(bytes.last == UInt8(ascii: "\n"))
        let objects = try lines(bytes).map { try JSONDecoder().decode(JSONValue.self, from: Data($0)) }
        #expect(objects.count == results.hits.count)
        #expect(objects.map { $0["query"] } == Array(repeating: "sunset \"beach\"", count: results.hits.count))
        #expect(objects.map { $0["rank"] } == results.hits.map { .number(Double($0.rank)) })
        #expect(objects[2]["path"] == "/media/line\nbreak.mp4")
        #expect(objects[0]["snippet"] == "the «sunset» over the sea\nat the «beach»")
    }

    @Test func lineSeparatorsAreEscapedForLineReaders() {
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(
                rank: 1, score: 1, itemID: 1, path: RawPath("/a\u{2028}b.txt"), kind: .text, mime: "text/plain",
                title: "para\u{2029}graph")
        ]
        let text = String(decoding: JSONLinesExporter().render(results), as: UTF8.self)
        #expect(!text.unicodeScalars.contains("\u{2028}"))
        #expect(!text.unicodeScalars.contains("\u{2029}"))
        #expect(text.contains("\\u2028") && text.contains("\\u2029"))
    }

    @Test func noHitsGiveNoLines() {
        #expect(JSONLinesExporter().render(SampleResults.empty()).isEmpty)
    }
}
