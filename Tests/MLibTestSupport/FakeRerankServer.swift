public import Foundation

/// `Tests/Fixtures/rerank-server.py`, a fake served reranker, running for one test.
///
/// Started with `python3` on a port the system picks; stopped by `stop()` or, should the
/// test run crash, by its closed stdin. Every request it receives is logged, and read back
/// with `requests()`.
///
/// ```swift
/// try FakeRerankServer.with(["--token", "s3cret"]) { server in
///     // … send a rerank request to server.url() …
///     #expect(try server.requests().map(\.authorization) == ["Bearer s3cret"])
/// }
/// ```
public final class FakeRerankServer {
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    private let process: Process
    private let stdin: Pipe
    private let folder: TemporaryDirectory
    private var logPath: String { folder.path("requests.jsonl") }

    /// Runs `body` with a server started with `flags`, and stops it after.
    public static func with<T>(_ flags: [String] = [], _ body: (FakeRerankServer) throws -> T) throws -> T {
        let server = try FakeRerankServer(flags)
        defer { server.stop() }
        return try body(server)
    }

    /// Starts the script with `flags` (see its doc string: `--token`, `--fail-first`,
    /// `--logits`, `--fault`, …) and waits until it listens.
    public init(_ flags: [String] = []) throws {
        folder = try TemporaryDirectory(prefix: "mlib-rerank")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.path("rerank-server.py"), "--log", folder.path("requests.jsonl")] + flags
        let stdout = Pipe()
        stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        try process.run()

        // The first line it prints is its port, once it listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let printed = String(decoding: line, as: UTF8.self)
        guard let port = Int(printed.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            process.waitUntilExit()
            folder.remove()
            throw StartFailure(printed: printed)
        }
        self.port = port
    }

    /// The script did not print its port: it could not start or bind.
    public struct StartFailure: Error, CustomStringConvertible {
        /// What it printed instead.
        public var printed: String
        public var description: String { "rerank-server.py did not print its port (printed: \(printed.debugDescription))" }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String = "") -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// The requests it received so far, oldest first.
    public func requests() throws -> [LoggedRequest] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            try JSONDecoder().decode(LoggedRequest.self, from: Data($0.utf8))
        }
    }

    /// Stops the server and removes its log; the port then refuses connections.
    public func stop() {
        if process.isRunning {
            process.terminate()
        }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        folder.remove()
    }
}

extension FakeRerankServer {
    /// One request as the fake server logged it: where it was posted, two headers, and the body.
    public struct LoggedRequest: Decodable, Sendable {
        /// The path posted to, such as `/v1/rerank`.
        public var path: String
        /// The `Authorization` header, if sent.
        public var authorization: String?
        /// The `Content-Type` header, if sent.
        public var contentType: String?
        public var body: Body

        enum CodingKeys: String, CodingKey {
            case path, authorization, body
            case contentType = "content_type"
        }

        /// The JSON body of a rerank request.
        public struct Body: Decodable, Sendable {
            public var model: String?
            public var query: String
            public var documents: [Document]
            /// `top_n`.
            public var topN: Int?
            /// `return_documents`.
            public var returnDocuments: Bool?
            /// The keys present, to tell a missing `model` from a null one.
            public var keys: Set<String>

            enum CodingKeys: String, CodingKey {
                case model, query, documents
                case topN = "top_n"
                case returnDocuments = "return_documents"
            }

            public init(from decoder: any Decoder) throws {
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
        public enum Document: Decodable, Equatable, Sendable {
            /// A bare JSON string.
            case plain(String)
            /// `{"text": …}`.
            case text(String)
            /// `{"image": data URL}`.
            case image(String)

            /// The words sent, whether as a bare string or as `{"text": …}`; nil for a picture.
            public var text: String? {
                switch self {
                case .plain(let text), .text(let text): text
                case .image: nil
                }
            }

            /// The data URL sent for a picture; nil for words.
            public var image: String? {
                if case .image(let url) = self { url } else { nil }
            }

            public init(from decoder: any Decoder) throws {
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
}
