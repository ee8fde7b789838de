import Foundation
import MLibCore

/// Metadata objects as stored in `items.metadata`: compact JSON with sorted keys.
enum MetadataCoding {
    static func encode(_ metadata: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(metadata) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String: JSONValue] {
        (try? JSONValue(parsing: text))?.objectValue ?? [:]
    }
}
