import Foundation
public import MLibCore
public import MLibStore

/// An item written out for `mlib show` (and the server), as JSON or as text for people.
public enum ItemDescription {
    /// The item as a JSON object: its columns, metadata, failure and segments.
    /// - Parameter thumbnail: the path of the item's thumbnail, when it has one.
    public static func json(_ item: StoredItem, segments: [StoredSegment], thumbnail: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .number(Double(item.id)),
            "path": .string(item.path.string),
            "status": .string(item.status.rawValue),
            "kind": JSONValue(item.kind?.rawValue),
            "mime": JSONValue(item.mime),
            "title": JSONValue(item.title),
            "duration": JSONValue(item.duration),
            "size": .number(Double(item.state.size)),
            "modified_at": .string(iso8601(nanoseconds: item.state.modificationTimeNanoseconds)),
            "content_hash": JSONValue(item.contentHash),
            "indexed_at": .string(item.indexedAt),
            "metadata": .object(item.metadata),
            "segments": .array(segments.map(json)),
        ]
        if let thumbnail { object["thumbnail"] = .string(thumbnail) }
        if !item.path.isValidUTF8 {
            object["path_base64"] = .string(Data(item.path.bytes).base64EncodedString())
        }
        if let failure = item.failure {
            object["failure"] = ["code": .string(failure.code), "reason": .string(failure.reason)]
        }
        return .object(object)
    }

    static func json(_ segment: StoredSegment) -> JSONValue {
        [
            "ordinal": .number(Double(segment.ordinal)),
            "field": .string(segment.field.rawValue),
            "modality": .string(segment.modality.rawValue),
            "text": .string(segment.text),
            "start": JSONValue(segment.start),
            "end": JSONValue(segment.end),
        ]
    }

    /// The item as lines for people.
    public static func text(_ item: StoredItem, segments: [StoredSegment], thumbnail: String? = nil) -> String {
        var lines: [String] = []
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        add("path", item.path.displayString)
        add("id", String(item.id))
        add("status", item.status.rawValue)
        add("kind", item.kind?.rawValue)
        add("mime", item.mime)
        add("title", item.title)
        add("duration", item.duration.map { String(format: "%.3f s", $0) })
        add("size", "\(item.state.size) bytes")
        add("modified", iso8601(nanoseconds: item.state.modificationTimeNanoseconds))
        add("indexed", item.indexedAt)
        add("content hash", item.contentHash)
        add("thumbnail", thumbnail)
        if let failure = item.failure {
            add("failure", "\(failure.reason) [\(failure.code)]")
        }
        if !item.metadata.isEmpty {
            lines.append("metadata")
            let width = max(16, (item.metadata.keys.map(\.count).max() ?? 0) + 2)
            for key in item.metadata.keys.sorted() {
                lines.append("  " + key.padding(toLength: width, withPad: " ", startingAt: 0) + flat(item.metadata[key]!))
            }
        }
        if !segments.isEmpty {
            lines.append("evidence (\(segments.count) segments)")
            for segment in segments {
                var label = segment.field.rawValue
                if let start = segment.start {
                    label += String(format: " %.2f–%.2f", start, segment.end ?? start)
                }
                // A picture segment holds no text: say what it is.
                let text = segment.field == .picture
                    ? (segment.text == "uniform" ? "(near-uniform frame: left out by picture models)" : "(the \(segment.modality == .frame ? "frame" : "picture"))")
                    : segment.text.replacingOccurrences(of: "\n", with: " ")
                lines.append("  [\(label)] " + (text.count > 200 ? String(text.prefix(200)) + "…" : text))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A metadata value on one line.
    private static func flat(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text.replacingOccurrences(of: "\n", with: " ")
        case .number, .bool, .null, .array, .object:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    static func iso8601(nanoseconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(nanoseconds) / 1e9))
    }
}
