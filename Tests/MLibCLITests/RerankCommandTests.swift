import Foundation
import MLibTestSupport
import Testing

/// `mlib rerank` through the real binary: a request on standard input or in a file,
/// JSON lines answered line by line, and malformed requests refused in one line.
@Suite(.serialized) struct RerankCommandTests {
    static let model = Fixtures.packageRoot + "/models/all-MiniLM-L6-v2"
    static let ferry = "The ferry left the harbour at dawn."
    static let bread = "Bake the sourdough loaf in a hot oven."

    /// Runs `mlib --library <folder>/library.sqlite rerank arguments…` with `input` on
    /// standard input, from `folder`.
    static func rerank(_ arguments: [String], input: String, in folder: TemporaryDirectory) throws -> ExternalTool.Output {
        try ExternalTool.run(
            MLibBinary.executablePath, ["--library", folder.path("library.sqlite"), "rerank"] + arguments, input: Data(input.utf8))
    }

    static func object(_ text: some StringProtocol) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    @Test func aRequestOnStandardInputIsAnsweredInTheDocumentsOrder() throws {
        guard FileManager.default.fileExists(atPath: Self.model + "/model.safetensors") else { return }
        let folder = try TemporaryDirectory(prefix: "mlib-rerank")
        defer { folder.remove() }
        let request = """
            {"instruction": "Find the note about boats.", "query": {"text": "ferry leaving the harbour"},
             "documents": [{"text": "\(Self.bread)"}, {"text": "\(Self.ferry)"}, {"image": "\(folder.path("missing.jpg"))"}]}
            """
        let output = try Self.rerank([], input: request, in: folder)
        #expect(output.status == 0, "\(output.stderrString)")
        let answer = try #require(Self.object(output.stdoutString), "\(output.stdoutString)")
        let scores = try #require(answer["scores"] as? [Double])
        #expect(scores.count == 3 && scores[1] > scores[0] && scores[2] == 0, "\(scores)")
        let results = try #require(answer["results"] as? [[String: Any]])
        #expect(results.map { $0["index"] as? Int } == [0, 1, 2])
        #expect((results[2]["problem"] as? String)?.contains("missing.jpg") == true)
        #expect(answer["instruction"] as? String == "Find the note about boats.")
        let warnings = output.stderrString.split(separator: "\n")
        #expect(warnings.allSatisfy { $0.hasPrefix("warning: ") }, "\(output.stderrString)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("library.sqlite")), "a rerank never creates a library")
    }

    @Test func requestLinesAreAnsweredOneLineEachInOrderAndABadLineSaysWhich() throws {
        guard FileManager.default.fileExists(atPath: Self.model + "/model.safetensors") else { return }
        let folder = try TemporaryDirectory(prefix: "mlib-rerank")
        defer { folder.remove() }
        let lines = [
            #"{"query": {"text": "ferry"}, "documents": [{"text": "\#(Self.ferry)"}, {"text": "\#(Self.bread)"}]}"#,
            #"{"query": {"text": "ferry"}, "documents": 5}"#,
            #"{"query": {"text": "bread"}, "documents": [{"text": "\#(Self.ferry)"}, {"text": "\#(Self.bread)"}, {"text": "oven"}]}"#,
        ]
        for arguments in [[], ["--jsonl"]] {
            let output = try Self.rerank(arguments, input: lines.joined(separator: "\n") + "\n", in: folder)
            #expect(output.status == 0, "\(output.stderrString)")
            let answers = output.stdoutString.split(separator: "\n").map { Self.object($0) }
            #expect(answers.count == 3, "one answer a line: \(output.stdoutString)")
            guard answers.count == 3 else { continue }
            let first = answers[0]?["scores"] as? [Double] ?? []
            let third = answers[2]?["scores"] as? [Double] ?? []
            #expect(first.count == 2 && first[0] > first[1], "\(first)")
            #expect(third.count == 3 && third[1] > third[0], "\(third)")
            #expect((answers[1]?["error"] as? String)?.hasPrefix("line 2: ") == true, "\(String(describing: answers[1]))")
        }
    }

    @Test func pathsInARequestFileAreTakenFromItsFolder() throws {
        guard FileManager.default.fileExists(atPath: Self.model + "/model.safetensors") else { return }
        let folder = try TemporaryDirectory(prefix: "mlib-rerank")
        defer { folder.remove() }
        let requests = folder.path("requests")
        try FileManager.default.createDirectory(atPath: requests, withIntermediateDirectories: true)
        try Self.ferry.write(toFile: requests + "/ferry.txt", atomically: true, encoding: .utf8)
        try #"{"query": {"text": "ferry"}, "documents": [{"image": "ferry.txt"}, {"text": "oven"}]}"#
            .write(toFile: requests + "/request.json", atomically: true, encoding: .utf8)
        let output = try ExternalTool.run(
            MLibBinary.executablePath, ["--library", folder.path("library.sqlite"), "rerank", "--input", requests + "/request.json"])
        #expect(output.status == 0, "\(output.stderrString)")
        let results = Self.object(output.stdoutString)?["results"] as? [[String: Any]] ?? []
        #expect(results.count == 2 && results[0]["problem"] == nil, "\(output.stdoutString)")
    }

    @Test func aMalformedRequestIsRefusedInOneLineWithExitCode1() throws {
        let folder = try TemporaryDirectory(prefix: "mlib-rerank")
        defer { folder.remove() }
        for (input, says) in [("{\"query\": ", "not valid JSON"), (#"{"query": {"text": "x"}, "documents": [], "fps": 9}"#, "fps")] {
            let output = try Self.rerank([], input: input, in: folder)
            #expect(output.status == 1)
            #expect(output.stdoutString.isEmpty)
            let lines = output.stderrString.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("mlib: rerank: ") && lines[0].contains(says), "\(output.stderrString)")
        }
    }

    @Test func anEmptyQueryAnswersNoScores() throws {
        let folder = try TemporaryDirectory(prefix: "mlib-rerank")
        defer { folder.remove() }
        let output = try Self.rerank([], input: #"{"query": {"text": " "}, "documents": [{"text": "x"}]}"#, in: folder)
        #expect(output.status == 0, "\(output.stderrString)")
        #expect(Self.object(output.stdoutString)?["scores"] as? [Double] == [])
    }
}
