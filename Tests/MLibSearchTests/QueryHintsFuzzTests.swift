import Foundation
import MLibSearch
import Testing

@Suite struct QueryHintsFuzzTests {
    /// A fixed-seed generator, so a failure can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Pieces of hints, quotes of every kind, CJK, emoji, combining marks and odd spacing.
    static let pieces = [
        "last", "summer", "2019", "-", "06", "14", "may", "in", "photos", "video", "of", "note", "iphone", "12",
        "pixel", "on", "shot", "between", "and", "ago", "3", "days", "'s", "\"", "\u{201C}", "\u{201D}", "「", "」",
        "«", "年", "月", "的", "去年", "夏天", "视频", "十", "二", "前", "佳能", "😀", "👩‍👩‍👧", "\u{301}", "é", " ", "  ",
        "\n", "\t", ",", ".", "(", ")", "$", "_", "/", "٢٠١٩", "２０１９", "\u{0}", "\u{200B}", "x", "Ω", "9999999999",
    ]

    @Test func anyQueryGivesSaneHintsAndNeverLosesItsWords() {
        var random = SplitMix64(state: 2026)
        let calendar = QueryHintsTests.calendar
        for _ in 0..<2000 {
            let count = Int.random(in: 0...14, using: &random)
            var query = ""
            for _ in 0..<count {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    query.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x20...0x2FFF, using: &random)) ?? "?")
                } else {
                    query += Self.pieces.randomElement(using: &random)!
                }
            }
            let hints = HintExtractor.extract(query, now: QueryHintsTests.now, calendar: calendar)
            if query.contains(where: \.isLetter) {
                #expect(!hints.semanticText.isEmpty, "\(query.debugDescription)")
            }
            #expect(hints.semanticText == hints.semanticText.trimmingCharacters(in: .whitespacesAndNewlines))
            if let dates = hints.dates { #expect(dates.start <= dates.end, "\(query.debugDescription)") }
            #expect(hints == HintExtractor.extract(query, now: QueryHintsTests.now, calendar: calendar))
        }
    }
}
