import Foundation
import MLibCore
import MLibExport
import Testing

@Suite struct JSONExporterTests {
    private func decode(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    private func results(_ document: JSONValue) -> [JSONValue] {
        document["results"]?.arrayValue ?? []
    }

    @Test func documentValidatesAgainstTheSchema() throws {
        let output = try SchemaValidator.validateDocument(JSONExporter().render(SampleResults.varied))
        #expect(output.status == 0, "\(output.stderrString)")
    }

    @Test func emptyResultsValidateAgainstTheSchema() throws {
        let bytes = JSONExporter().render(SampleResults.empty())
        let output = try SchemaValidator.validateDocument(bytes)
        #expect(output.status == 0, "\(output.stderrString)")
        let document = try decode(bytes)
        #expect(document["count"] == 0)
        #expect(document["results"] == .array([]))
    }

    /// Documents the schema must reject, so it is known not to accept anything.
    enum Breakage: String, CaseIterable, Sendable {
        case missingPath, extraResultField, unknownKind, missingTopLevelCount, extraTopLevelField,
            momentWithoutStart
    }

    @Test(arguments: Breakage.allCases)
    func schemaRejectsBrokenDocuments(_ breakage: Breakage) throws {
        guard case .object(var document) = try decode(JSONExporter().render(SampleResults.varied)),
            case .array(var hits) = document["results"], case .object(var first) = hits[0]
        else {
            Issue.record("the exported document has no results array")
            return
        }
        switch breakage {
        case .missingPath: first["path"] = nil
        case .extraResultField: first["rating"] = 5
        case .unknownKind: first["kind"] = "audio"
        case .missingTopLevelCount: document["count"] = nil
        case .extraTopLevelField: document["extra"] = true
        case .momentWithoutStart: first["moments"] = [["end": 3, "text": .null]]
        }
        hits[0] = .object(first)
        document["results"] = .array(hits)
        let broken = try JSONEncoder().encode(JSONValue.object(document))
        let output = try SchemaValidator.validateDocument(Array(broken))
        #expect(output.status != 0, "schema accepted a document with \(breakage)")
        #expect(output.stderrString.contains("ValidationError"))
    }

    @Test func topLevelFieldsDescribeTheSearch() throws {
        let document = try decode(JSONExporter().render(SampleResults.varied))
        #expect(document["query"] == "sunset \"beach\"")
        #expect(document["library"] == "/home/ana/.local/share/mlib/library.sqlite")
        #expect(document["generated_at"] == "2025-05-01T12:00:00Z")
        #expect(document["mode"] == "keyword")
        #expect(document["count"] == 6)
        #expect(results(document).map { $0["rank"] } == (1...6).map { .number(Double($0)) })
    }

    @Test func resultCarriesTheHitsFields() throws {
        let first = try #require(results(decode(JSONExporter().render(SampleResults.varied))).first)
        #expect(first["score"] == 0.9313)
        #expect(first["id"] == 41)
        #expect(first["path"] == "/media/clips/beach sunset.mp4")
        #expect(first["path_base64"] == nil)
        #expect(first["kind"] == "video")
        #expect(first["mime"] == "video/mp4")
        #expect(first["title"] == "Sunset 🌅 at the beach")
        #expect(first["snippet"] == "the «sunset» over the sea\nat the «beach»")
        #expect(first["duration"] == 95.4)
        #expect(first["metadata"] == [
            "codec": "h264", "size": ["width": 1920, "height": 1080],
            "tags": ["holiday", 2024, true, .null], "fps": 29.97,
        ])
        #expect(first["moments"] == [
            ["start": 12.5, "end": 20, "text": "sunset cue"],
            ["start": 40, "end": 42.25, "text": .null],
        ])
    }

    @Test func missingValuesAreNullNotAbsent() throws {
        let second = try #require(results(decode(JSONExporter().render(SampleResults.varied))).dropFirst().first)
        #expect(second["title"] == .null)
        #expect(second["snippet"] == .null)
        #expect(second["duration"] == .null)
        #expect(second["metadata"] == .object([:]))
        #expect(second["moments"] == .array([]))
    }

    @Test func nonUTF8PathIsRecoverableFromBase64() throws {
        let hits = results(try decode(JSONExporter().render(SampleResults.varied)))
        let withBase64 = hits.filter { $0["path_base64"] != nil }
        #expect(withBase64.count == 1, "only the non-UTF-8 path needs path_base64")
        let encoded = try #require(withBase64.first?["path_base64"]?.stringValue)
        let bytes = try #require(Data(base64Encoded: encoded))
        #expect(Array(bytes) == SampleResults.nonUTF8Path.bytes)
        #expect(withBase64.first?["path"] == "/t\u{FFFD}.jpg")
    }

    @Test func newlineInPathSurvivesTheRoundTrip() throws {
        let hits = results(try decode(JSONExporter().render(SampleResults.varied)))
        #expect(hits[2]["path"] == "/media/line\nbreak.mp4")
        #expect(hits[2]["title"]?.stringValue == SampleResults.evilTitle)
    }

    @Test func keysAreSortedSoOutputIsStable() throws {
        let text = String(decoding: JSONExporter().render(SampleResults.varied), as: UTF8.self)
        let topLevel = ["count", "generated_at", "library", "mode", "query", "results"]
        let positions = try topLevel.map { key in
            try #require(text.range(of: "\n  \"\(key)\": ")?.lowerBound, "\(key) missing or not at top level")
        }
        #expect(positions == positions.sorted())
        #expect(text.hasPrefix("{\n  \"count\": 6,\n"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func unusualNumbersStayValidJSON() throws {
        var results = SampleResults.empty()
        results.hits = [
            SearchHit(
                rank: 1, score: .nan, itemID: 1, path: RawPath("/a.mp4"), kind: .video, mime: "video/mp4",
                duration: .infinity, metadata: ["ratio": .number(.nan), "tiny": 0.00001, "big": 1e300])
        ]
        let bytes = JSONExporter().render(results)
        let output = try SchemaValidator.validateDocument(bytes)
        #expect(output.status == 0, "\(output.stderrString)")
        let hit = try #require(self.results(decode(bytes)).first)
        #expect(hit["score"] == 0)
        #expect(hit["duration"] == .null)
        #expect(hit["metadata"] == ["ratio": .null, "tiny": 0.00001, "big": 1e300])
    }
}
