import MLibCore

/// A JSON value as the exporters write it: integers kept apart from doubles so ids
/// print exactly, objects written with their keys sorted so output is stable.
enum JSONNode: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([String: JSONNode])

    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let elements): self = .array(elements.map(JSONNode.init))
        case .object(let members): self = .object(members.mapValues(JSONNode.init))
        }
    }

    /// `value` rounded to `places` decimals, or `null` when it is not finite
    /// (JSON has no NaN or infinity).
    static func rounded(_ value: Double, places: Int) -> JSONNode {
        guard value.isFinite else { return .null }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return .number((value * scale).rounded() / scale)
    }

    /// The value as UTF-8 JSON text.
    ///
    /// - Parameter pretty: two-space indentation, one member per line; otherwise the
    ///   most compact form, which never contains a line break.
    func serialized(pretty: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out, pretty: pretty, depth: 0)
        return out
    }

    private func write(to out: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .integer(let number): out += Array(String(number).utf8)
        case .number(let number): out += Array(Self.numberText(number).utf8)
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += Array("[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, pretty: pretty, depth: depth + 1)
                element.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            Self.newline(&out, pretty: pretty, depth: depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                out += Array("{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            // Byte order of the UTF-8 keys equals code point order, independent of locale.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, pretty: pretty, depth: depth + 1)
                Self.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                members[key]!.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            Self.newline(&out, pretty: pretty, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], pretty: Bool, depth: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out += repeatElement(UInt8(ascii: " "), count: depth * 2)
    }

    private static func numberText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        // Whole numbers print without a fraction, as JSONValue's encoder does: 4032, not 4032.0.
        if number.rounded() == number, abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        // Swift's shortest round-trip form ("0.9312", "1e-05") is valid JSON.
        return String(number)
    }

    /// Writes `text` as a JSON string. Every control character is escaped, so compact
    /// output stays on one line; U+2028 and U+2029 are escaped too because JavaScript
    /// and some line readers treat them as line breaks.
    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += Array("\\\"".utf8)
            case "\\": out += Array("\\\\".utf8)
            case "\n": out += Array("\\n".utf8)
            case "\r": out += Array("\\r".utf8)
            case "\t": out += Array("\\t".utf8)
            case "\u{08}": out += Array("\\b".utf8)
            case "\u{0C}": out += Array("\\f".utf8)
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += Array("\\u".utf8) + hex4(scalar.value)
            default:
                out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hex4(_ value: UInt32) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [12, 8, 4, 0].map { digits[Int((value >> UInt32($0)) & 0xF)] }
    }
}
