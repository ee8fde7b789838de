import Testing

@testable import MLibMedia

struct RecognizedTextTests {
    static func word(_ text: String, _ confidence: Double) -> OCRWord { OCRWord(text: text, confidence: confidence) }

    @Test("unsure words and punctuation are dropped, lines and their order kept")
    func cleaning() {
        let text = RecognizedText(lines: [
            [Self.word("Quarterly", 96), Self.word("budget", 94), Self.word("—", 90), Self.word("rev1ew", 41)],
            [Self.word("Invoice", 90), Self.word("4471", 80)],
        ])
        #expect(text.lines == ["Quarterly budget", "Invoice 4471"])
        #expect(abs(text.confidence - (96 + 94 + 90 + 80) / 400) < 1e-9)
    }

    @Test("lines of short scraps, as texture gives, are dropped")
    func scraps() {
        let noise = RecognizedText(lines: [[Self.word("wa", 88), Self.word("4", 92)], [Self.word("Ry", 75)]])
        #expect(noise == .empty)
        #expect(noise.isEmpty && noise.confidence == 0)
        let kept = RecognizedText(lines: [[Self.word("2", 95), Self.word("hours", 95), Self.word("only", 80)]])
        #expect(kept.text == "2 hours only")
    }

    @Test("whitespace inside a word becomes one space")
    func whitespace() {
        let text = RecognizedText(lines: [[Self.word("New\u{00A0}\u{00A0}York", 90), Self.word("City", 90)]])
        #expect(text.text == "New York City")
    }

    @Test("nothing read is empty")
    func nothing() {
        #expect(RecognizedText(lines: []) == .empty)
        #expect(RecognizedText(lines: [[], []]) == .empty)
    }
}
