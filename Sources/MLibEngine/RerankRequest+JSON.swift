public import Foundation
public import MLibCore

extension EngineError.Code {
    /// A rerank request that is not JSON, or not shaped as `RerankRequest` says.
    public static let badRequest = EngineError.Code(rawValue: "bad-request")
}

extension RerankRequest {
    /// Reads a request from its JSON:
    ///
    /// ```json
    /// {"instruction": "Retrieve clips relevant to the user's query.",
    ///  "query": {"text": "the ferry leaving the harbour"},
    ///  "documents": [{"text": "…"}, {"image": "a.jpg"}, {"video": "b.mp4", "fps": 0.5}],
    ///  "fps": 1.0, "max_frames": 64}
    /// ```
    ///
    /// Relative paths are taken from `folder`; `~` is a folder name like any other.
    /// Keys it does not know are ignored. Throws `EngineError` with code `badRequest`
    /// naming the member that is wrong.
    public init(json: Data, folder: String) throws(EngineError) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: json)
        } catch {
            throw EngineError(.badRequest, "not valid JSON")
        }
        try self.init(json: value, folder: folder)
    }

    /// Reads a request from a parsed JSON value (see `init(json:folder:)`).
    public init(json: JSONValue, folder: String) throws(EngineError) {
        guard let object = json.objectValue else { throw Self.bad("the request must be a JSON object") }
        let reader = Reader(folder: folder)
        instruction = try reader.string(object["instruction"], at: "instruction")
        query = try reader.query(object["query"])
        documents = try reader.documents(object["documents"])
        fps = try reader.fps(object["fps"], at: "fps") ?? Self.defaultFPS
        switch object["max_frames"] {
        case nil, .null?:
            maxFrames = Self.defaultMaxFrames
        case .number(let count)? where count >= 1 && count <= 100_000 && count.rounded() == count:
            maxFrames = Int(count)
        default:
            throw Self.bad("max_frames must be a whole number from 1 to 100000")
        }
    }

    static func bad(_ message: String) -> EngineError { EngineError(.badRequest, message) }

    /// Reads the members of a request, resolving paths against one folder.
    private struct Reader {
        let folder: String

        func query(_ value: JSONValue?) throws(EngineError) -> Query {
            switch value {
            case nil, .null?:
                return Query()
            case .string(let text)?:
                return Query(text: text)
            case .object(let members)?:
                return Query(
                    text: try string(members["text"], at: "query.text"), image: try path(members["image"], at: "query.image"),
                    video: try path(members["video"], at: "query.video"))
            default:
                throw bad("query must be an object with text, image or video")
            }
        }

        func documents(_ value: JSONValue?) throws(EngineError) -> [Document] {
            switch value {
            case nil, .null?:
                return []
            case .array(let items)?:
                var documents: [Document] = []
                for (index, item) in items.enumerated() {
                    let at = "documents[\(index)]"
                    switch item {
                    case .string(let text):
                        documents.append(Document(text: text))
                    case .object(let members):
                        documents.append(Document(
                            text: try string(members["text"], at: at + ".text"), image: try path(members["image"], at: at + ".image"),
                            video: try path(members["video"], at: at + ".video"), fps: try fps(members["fps"], at: at + ".fps")))
                    default:
                        throw bad("\(at) must be an object with text, image or video")
                    }
                }
                return documents
            default:
                throw bad("documents must be an array")
            }
        }

        func string(_ value: JSONValue?, at name: String) throws(EngineError) -> String? {
            switch value {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw bad("\(name) must be a string")
            }
        }

        /// A path, absolute or taken from `folder`.
        func path(_ value: JSONValue?, at name: String) throws(EngineError) -> RawPath? {
            guard let text = try string(value, at: name) else { return nil }
            guard !text.isEmpty else { throw bad("\(name) is an empty path") }
            if text.hasPrefix("/") { return RawPath(text) }
            return RawPath((folder.hasSuffix("/") ? folder : folder + "/") + text)
        }

        func fps(_ value: JSONValue?, at name: String) throws(EngineError) -> Double? {
            switch value {
            case nil, .null?: return nil
            case .number(let rate)? where (0.1...5).contains(rate): return rate
            default: throw bad("\(name) must be a number from 0.1 to 5 (frames per second)")
            }
        }

        private func bad(_ message: String) -> EngineError { RerankRequest.bad(message) }
    }
}
