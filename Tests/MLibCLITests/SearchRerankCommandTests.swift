import Foundation
import MLibTestSupport
import Testing

/// `mlib search` and its rerank through the built binary: `--explain`, the JSON's
/// `rerank` object, `--no-rerank`, `--min-score` and a served reranker.
@Suite(.serialized) struct SearchRerankCommandTests {
    static let model = Fixtures.packageRoot + "/models/all-MiniLM-L6-v2"
    static let query = "ferry crossing at high water"

    /// Notes indexed with the default sentence model (found in the checkout's models/).
    struct Workspace {
        let folder: TemporaryDirectory
        let mlib: MLibBinary

        init() throws {
            guard FileManager.default.fileExists(atPath: SearchRerankCommandTests.model + "/model.safetensors") else {
                Issue.record("no model at \(SearchRerankCommandTests.model): run `make model`")
                throw CocoaError(.fileNoSuchFile)
            }
            folder = try TemporaryDirectory(prefix: "mlib-rerank-cli")
            mlib = MLibBinary(library: folder.path("library.sqlite"))
            let notes = folder.path("notes")
            try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
            for (name, text) in [
                ("tides.md", "Tide tables for the harbour\n\nHigh water at dawn; the ferry waits for the flood tide."),
                ("bread.md", "Sourdough notes\n\nFeed the starter twice a day and bake in a hot oven."),
                ("beach.md", "Seaside holiday\n\nA week of swimming, sandcastles and sunburn on the coast."),
                ("crossing.md", "Crossing the road\n\nLook both ways before crossing; the water main is being dug up."),
            ] {
                try text.write(toFile: notes + "/" + name, atomically: true, encoding: .utf8)
            }
            let index = try mlib.run(["index", notes])
            #expect(index.status == 0, "\(index.stderrString)")
            #expect(index.stdoutString.contains("Embedded"), "indexed with the default model: \(index.stdoutString)")
        }

        /// `search QUERY --format json` with `extra`, parsed.
        func json(_ query: String = SearchRerankCommandTests.query, _ extra: [String] = [], environment: [String: String]? = nil) throws
            -> (document: [String: Any], output: ExternalTool.Output)
        {
            let output = try mlib.run(["search", query, "--format", "json"] + extra, environment: environment)
            #expect(output.status == 0, "\(output.stderrString)")
            let document = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any]
            return (try #require(document), output)
        }
    }

    static func results(_ document: [String: Any]) -> [[String: Any]] {
        document["results"] as? [[String: Any]] ?? []
    }

    @Test func explainShowsTheHintsLineAndWhyEachHitScoredAsItDid() throws {
        let space = try Workspace()
        defer { space.folder.remove() }
        let output = try space.mlib.run(["search", Self.query, "--explain"])
        #expect(output.status == 0, "\(output.stderrString)")
        let lines = output.stdoutString.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("hints: ") == true, "\(output.stdoutString)")
        #expect(lines.first?.contains("ranking: rerank") == true)
        let whys = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("why: p=") }
        let hits = Self.results(try space.json().document)
        #expect(!hits.isEmpty)
        #expect(whys.count == hits.count, "one reason per hit:\n\(output.stdoutString)")
        #expect(whys.allSatisfy { $0.contains("full model") }, "\(whys)")
        #expect(lines.filter { $0.contains("recall #") }.count == hits.count)

        let plain = try space.mlib.run(["search", Self.query])
        #expect(!plain.stdoutString.contains("why: ") && !plain.stdoutString.contains("hints: "), "only when asked")
    }

    @Test func jsonFollowsTheSchemaAndCarriesTheRerankOfEveryHit() throws {
        let space = try Workspace()
        defer { space.folder.remove() }
        let (document, output) = try space.json()
        let validation = try SchemaCheck.validate(output.stdout)
        #expect(validation.status == 0, "\(validation.stderrString)")
        #expect(document["ranking"] as? String == "rerank")
        #expect(document["hints"] is [Any])
        let hits = Self.results(document)
        #expect(!hits.isEmpty)
        let names = ["bm25", "coverage", "title_coverage", "phrase", "meaning", "picture", "fusion", "kind", "date", "camera", "quoted", "colour"]
        for hit in hits {
            let rerank = try #require(hit["rerank"] as? [String: Any], "\(hit["path"] ?? "?") has no rerank object")
            let features = try #require(rerank["features"] as? [String: Double])
            #expect(Set(features.keys) == Set(names))
            #expect(rerank["probability"] as? Double == hit["score"] as? Double)
            #expect(rerank["model"] as? String == "full")
            #expect((rerank["components"] as? [Any])?.isEmpty == false)
            #expect(rerank["recall_rank"] is Int)
        }
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores.count == hits.count && scores == scores.sorted(by: >))
        #expect(scores.allSatisfy { (0...1).contains($0) })
    }

    @Test func noRerankKeepsRecallOrderWithoutRerankObjects() throws {
        let space = try Workspace()
        defer { space.folder.remove() }
        let (document, output) = try space.json(Self.query, ["--no-rerank"])
        #expect(try SchemaCheck.validate(output.stdout).status == 0)
        #expect(document["ranking"] as? String == "recall")
        let hits = Self.results(document)
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0["rerank"] == nil })
        let explained = try space.mlib.run(["search", Self.query, "--no-rerank", "--explain"])
        #expect(explained.stdoutString.contains("ranking: recall"))
        #expect(explained.stdoutString.contains("why: recall order"))
    }

    @Test func minScoreLeavesLowerHitsOut() throws {
        let space = try Workspace()
        defer { space.folder.remove() }
        let all = Self.results(try space.json().document).compactMap { $0["score"] as? Double }
        #expect(all.count >= 2)
        let threshold = (all[0] + all[all.count - 1]) / 2
        #expect(all[0] > all[all.count - 1])
        let kept = Self.results(try space.json(Self.query, ["--min-score", String(threshold)]).document)
            .compactMap { $0["score"] as? Double }
        // Scores in JSON are rounded to 4 places; the filter saw them whole.
        #expect(kept.count == all.filter { $0 >= threshold }.count)
        #expect(kept.allSatisfy { $0 >= threshold - 0.0001 })
        #expect(kept.count < all.count)
    }

    @Test(arguments: [
        ["--min-score", "1.5"],
        ["--min-score", "1.01"],
        ["--reranker-url", "ftp://x"],
        ["--reranker-url", "not a url"],
        ["--reranker-url", "http://127.0.0.1:9", "--reranker-depth", "0"],
        ["--reranker-url", "http://127.0.0.1:9", "--reranker-timeout", "0"],
    ])
    func outOfRangeOptionsAreUsageErrors(arguments: [String]) throws {
        let folder = try TemporaryDirectory(prefix: "mlib-rerank-usage")
        defer { folder.remove() }
        let output = try MLibBinary(library: folder.path("library.sqlite")).run(["search", "harbour"] + arguments)
        #expect(output.status == 1, "\(arguments): \(output.stderrString)")
        #expect(output.stderrString.contains(arguments[arguments.count - 2]), "names the option: \(output.stderrString)")
    }

    @Test func theTokenInTheEnvironmentReachesTheServedReranker() throws {
        let space = try Workspace()
        defer { space.folder.remove() }
        let server = try FakeRerankServer(["--token", "s3cret"])
        defer { server.stop() }
        let arguments = ["--reranker-url", server.url().absoluteString, "--reranker-depth", "3"]
        let (document, output) = try space.json(Self.query, arguments, environment: ["MLIB_RERANKER_TOKEN": "s3cret"])
        #expect(output.stderrString.isEmpty, "\(output.stderrString)")
        #expect(document["ranking"] as? String == "remote")
        #expect(try SchemaCheck.validate(output.stdout).status == 0)
        let judged = Self.results(document).prefix(3)
        #expect(judged.allSatisfy { ($0["rerank"] as? [String: Any])?["remote"] is Double })
        #expect(try server.requests().map(\.authorization) == ["Bearer s3cret"])

        // A token the server refuses: mlib's own ranking, and one warning naming the server.
        let refused = try space.json(Self.query, arguments, environment: ["MLIB_RERANKER_TOKEN": "wrong"])
        #expect(refused.document["ranking"] as? String == "rerank")
        let warnings = refused.output.stderrString.split(separator: "\n")
        #expect(warnings.count == 1 && warnings[0].hasPrefix("warning: ") && warnings[0].contains(server.url().absoluteString), "\(warnings)")
    }
}

/// Validates `mlib search --format json` output against `Schema/search-results.schema.json`
/// with Python's `jsonschema`.
enum SchemaCheck {
    static func validate(_ json: Data) throws -> ExternalTool.Output {
        try ExternalTool.run(
            "python3",
            [
                "-c",
                "import json, sys, jsonschema; jsonschema.validate(json.load(sys.stdin), json.load(open(sys.argv[1], encoding='utf-8')))",
                Fixtures.packageRoot + "/Schema/search-results.schema.json",
            ], input: json)
    }
}
