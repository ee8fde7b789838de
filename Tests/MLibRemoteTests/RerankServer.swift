import Foundation
import MLibTestSupport

/// `Tests/Fixtures/rerank-server.py`, a fake served reranker, running for one test.
///
/// Started with `python3`, on a port the system picks; stopped by `stop()` or, should the
/// test run crash, by its closed stdin.
final class RerankServer {
    let port: Int
    private let process: Process
    private let stdin: Pipe
    private let folder: TemporaryDirectory
    private var logPath: String { folder.path("requests.jsonl") }

    /// Runs `body` with a server started with `flags` (see the script's doc string), and stops it after.
    static func with<T>(_ flags: [String] = [], _ body: (RerankServer) throws -> T) throws -> T {
        let server = try RerankServer(flags)
        defer { server.stop() }
        return try body(server)
    }

    init(_ flags: [String]) throws {
        folder = try TemporaryDirectory(prefix: "mlib-rerank")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = Fixtures.path("rerank-server.py")
        process.arguments = ["python3", script, "--log", folder.path("requests.jsonl")] + flags
        let stdout = Pipe()
        stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        try process.run()

        // The first line it prints is its port.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            process.waitUntilExit()
            folder.remove()
            throw StartFailure(printed: String(decoding: line, as: UTF8.self))
        }
        self.port = port
    }

    struct StartFailure: Error, CustomStringConvertible {
        var printed: String
        var description: String { "rerank-server.py did not print its port (printed: \(printed.debugDescription))" }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    func url(_ path: String = "") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// The requests it received so far, oldest first.
    func requests() throws -> [LoggedRequest] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            try JSONDecoder().decode(LoggedRequest.self, from: Data($0.utf8))
        }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
        }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        folder.remove()
    }
}

/// One request as the fake server logged it.
struct LoggedRequest: Decodable {
    var path: String
    var authorization: String?
    var contentType: String?
    var body: Body

    enum CodingKeys: String, CodingKey {
        case path, authorization, body
        case contentType = "content_type"
    }

    struct Body: Decodable {
        var model: String?
        var query: String
        var documents: [Document]
        var topN: Int?
        var returnDocuments: Bool?
        /// The keys present, to tell a missing `model` from a null one.
        var keys: Set<String>

        enum CodingKeys: String, CodingKey {
            case model, query, documents
            case topN = "top_n"
            case returnDocuments = "return_documents"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            model = try container.decodeIfPresent(String.self, forKey: .model)
            query = try container.decode(String.self, forKey: .query)
            documents = try container.decode([Document].self, forKey: .documents)
            topN = try container.decodeIfPresent(Int.self, forKey: .topN)
            returnDocuments = try container.decodeIfPresent(Bool.self, forKey: .returnDocuments)
            keys = Set(container.allKeys.map(\.stringValue))
        }
    }

    /// A document as written on the wire.
    enum Document: Decodable, Equatable {
        case plain(String)
        case text(String)
        case image(String)

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self = .plain(text)
                return
            }
            let object = try decoder.singleValueContainer().decode([String: String].self)
            if let image = object["image"], object.count == 1 {
                self = .image(image)
            } else if let text = object["text"], object.count == 1 {
                self = .text(text)
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(object)"))
            }
        }
    }
}
