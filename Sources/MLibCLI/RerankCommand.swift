import ArgumentParser
import Foundation
import MLibCore
import MLibEngine
import MLibStore

/// `mlib rerank`: scores documents a script brings against a query, as JSON.
struct RerankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerank",
        abstract: "Score documents you bring (texts, images, videos) against a query, as JSON.",
        discussion: """
            Reads a request shaped like Qwen3-VL-Reranker's input and prints the probability that each document is what the query asks for, 0 to 1, in the order the documents came, with the evidence behind it. Files need not be in the library.

              {"instruction": "Retrieve clips relevant to the user's query.",
               "query": {"text": "the ferry leaving the harbour"},
               "documents": [{"text": "…"}, {"image": "quay.jpg"},
                             {"video": "dock.mp4", "fps": 0.5},
                             {"text": "a caption", "image": "pier.jpg"}],
               "fps": 1.0, "max_frames": 64}

            The query is text, {"image": FILE} or {"video": FILE}, and text may accompany a file. Relative paths are taken from the request file's folder (the working directory for standard input); ~ is not expanded. fps (0.1 to 5, default 1) is the rate frames are sampled from videos, per document or for all; max_frames (default 64) caps the frames taken from one video. instruction is accepted and echoed back, but mlib's model has no use for it.

            The answer: {"instruction": …, "scores": [0.91, 0.02, …], "results": [{"index": 0, "score": 0.91, "evidence": {"kind", "components": [{"name", "value", "contribution"}], "moment": {"start", "end", "text"}, "top_frames": [{"time", "similarity"}]}}]}. Components are the features the model weighs (coverage, phrase, meaning, picture, quoted); moment and top_frames are given for videos. A document that cannot be read scores 0 with a "problem" and the others still answer. An empty query or no documents answers {"scores": [], "results": []}.

            Files are read as `mlib index` reads them: text in pictures and frames is read (OCR), so a sign is found by its words without a picture model. Meaning comes from the library's sentence model (else all-MiniLM-L6-v2), pictures from its CLIP model (else the first CLIP folder in the model folders); without one, pictures are judged by their text only (one warning). Vectors are cached by content in the library, when there is one, and within the run.

            Several requests, one JSON object per line (JSON lines, found by itself or forced with --jsonl), are answered one line each, in order, in one process; a malformed line answers {"error": "line N: …"} and the rest go on.

            EXAMPLES
              mlib rerank --input request.json
              mlib rerank < request.json
              mlib rerank --input requests.jsonl > answers.jsonl
              some-search | mlib rerank --jsonl    # answers each line as it comes
            """
    )

    @ParentCommand var root: MLibCommand

    @Option(help: ArgumentHelp("Read requests from this file; - or none reads standard input.", valueName: "file"))
    var input: String?

    @Flag(help: "The input holds one request per line (JSON lines), read and answered as each line comes.")
    var jsonl = false

    func run() throws {
        let folder = fromFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? FileManager.default.currentDirectoryPath
        let session = openSession()
        if jsonl {
            if let path = fromFile {
                answerLines(try Self.read(path).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Data($0) },
                    folder: folder, with: session)
            } else {
                answerLines(AnyIterator { readLine(strippingNewline: true).map { Data($0.utf8) } }, folder: folder, with: session)
            }
            return
        }
        let data = try fromFile.map(Self.read) ?? FileHandle.standardInput.readDataToEndOfFile()
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            if let lines = Self.jsonLines(data) { return answerLines(lines, folder: folder, with: session) }
            throw CLIError(message: "mlib: rerank: the request is not valid JSON (one object, or one object a line)", exitCode: ExitStatus.usage)
        }
        let response: RerankResponse
        do {
            response = try session.answer(try RerankRequest(json: json, folder: folder))
        } catch let error as EngineError {
            throw CLIError(message: "mlib: rerank: \(error.message)", exitCode: ExitStatus.usage)
        }
        session.warn(response.warnings)
        Console.out(JSONOutput.render(response.json))
    }

    /// The input file, when one is named.
    private var fromFile: String? { input == "-" ? nil : input }

    private static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(message: "mlib: cannot read \(path): \(error.localizedDescription)", exitCode: ExitStatus.usage)
        }
    }

    /// The engine over the library when there is one (read-only, as search opens it),
    /// else models from the model folders alone.
    private func openSession() -> Session {
        let path = LibraryLocator.path(option: root.library)
        do {
            return Session(engine: Engine(library: try Library.open(at: path, mode: .readOnly), modelsFolder: root.models), models: root.models)
        } catch {
            if error.code != .notFound { CommandContext.warn(["\(error.description); reranking without the library's vectors"]) }
            return Session(engine: nil, models: root.models)
        }
    }
}

extension RerankCommand {
    /// What every request of one run shares: the engine (or none), one cache, and the
    /// warnings already shown.
    final class Session {
        let engine: Engine?
        let models: String?
        let cache = RerankCache()
        private var warned: Set<String> = []

        init(engine: Engine?, models: String?) {
            self.engine = engine
            self.models = models
        }

        func answer(_ request: RerankRequest) throws -> RerankResponse {
            if let engine { return try engine.rerank(request, cache: cache) }
            return try Engine.rerank(request, modelsFolder: models, cache: cache)
        }

        /// Prints each warning not printed before in this run.
        func warn(_ warnings: [String]) {
            CommandContext.warn(warnings.filter { warned.insert($0).inserted })
        }
    }
}
