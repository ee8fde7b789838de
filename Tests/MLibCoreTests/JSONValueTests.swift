import Foundation
import MLibCore
import Testing

@Suite struct JSONValueTests {
    @Test func parsingReadsWhatTheEncoderWrites() throws {
        let value: JSONValue = [
            "width": 4032, "ratio": 1.5, "title": "Café \"à\" la\nplage 🌊", "tags": ["a", "b"], "gps": ["latitude": -33.8568],
            "empty": [:], "none": .null, "yes": true, "control": "\u{1}\u{1F}",
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(try JSONValue(parsing: text) == value)
    }

    @Test func parsingHandlesEscapesAndSurrogatePairs() throws {
        #expect(try JSONValue(parsing: #""\u00e9\ud83c\udf0a\/\t""#) == .string("é🌊/\t"))
        #expect(try JSONValue(parsing: " [1, -2.5e3, 0] ") == [1, -2500, 0])
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "{\"a\":1}}", "[\"\u{1}\"]", "01x"])
    func invalidJSONIsAnErrorNotACrash(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func wholeNumbersEncodeWithoutAFraction() throws {
        let data = try JSONEncoder().encode(JSONValue.number(4032))
        #expect(String(decoding: data, as: UTF8.self) == "4032")
    }
}
