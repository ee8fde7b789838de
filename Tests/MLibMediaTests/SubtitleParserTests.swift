import Testing

@testable import MLibMedia

struct SubtitleParserTests {
    @Test func readsSubRipWithByteOrderMarkAndCRLF() {
        let text = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\nthere\r\n\r\n2\r\n00:01:00,250 --> 00:01:03,000\r\nAgain\r\n"
        let cues = SubtitleParser.parse(text)
        #expect(
            cues == [
                SubtitleCue(start: 1, end: 2.5, text: "Hello\nthere"),
                SubtitleCue(start: 60.25, end: 63, text: "Again"),
            ])
    }

    @Test func readsCuesWithoutBlankLinesBetweenThem() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nFirst\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n"
        let cues = SubtitleParser.parse(text)
        #expect(cues.map(\.text) == ["First", "Second"])
        #expect(cues.map(\.start) == [1, 3])
    }

    @Test func acceptsDotOrCommaAndShortFractions() {
        #expect(SubtitleParser.timestamp("00:00:01,500") == 1.5)
        #expect(SubtitleParser.timestamp("00:00:01.500") == 1.5)
        #expect(SubtitleParser.timestamp("01:02:03.5") == 3723.5)
        #expect(SubtitleParser.timestamp("00:00:01:250") == 1.25)
        #expect(SubtitleParser.timestamp("02:03") == 123)
        #expect(SubtitleParser.timestamp("00:00:61,000") == nil)
        #expect(SubtitleParser.timestamp("aa:bb:cc") == nil)
        #expect(SubtitleParser.timestamp("") == nil)
    }

    @Test func readsWebVTTWithoutHoursWithSettingsNotesAndStyles() {
        let text = """
            WEBVTT - a title
            Kind: captions

            STYLE
            ::cue { color: yellow }

            NOTE this is a comment
            spanning two lines

            intro
            00:05.000 --> 00:07.250 align:start position:10%
            <v Roger>Hi <c.loud>there</c> &amp; welcome</v>

            01:00:00.000 --> 01:00:01.000
            <00:00:00.500>Late
            """
        let cues = SubtitleParser.parse(text)
        #expect(
            cues == [
                SubtitleCue(start: 5, end: 7.25, text: "Hi there & welcome"),
                SubtitleCue(start: 3600, end: 3601, text: "Late"),
            ])
    }

    @Test func skipsBrokenCuesAndKeepsTheRest() {
        let text = """
            1
            00:00:01,000 --> garbage
            Lost line

            2
            00:00:05,000 --> 00:00:04,000
            Ends before it starts

            3
            00:00:06,000 --> 00:00:07,000
            Kept

            random text outside any cue

            4
            00:00:08,000 --> 00:00:09,000

            """
        let cues = SubtitleParser.parse(text)
        #expect(cues == [SubtitleCue(start: 6, end: 7, text: "Kept")])
    }

    @Test func stripsMarkup() {
        #expect(SubtitleText.clean("<i>Hello</i> <font color=\"red\">world</font>") == "Hello world")
        #expect(SubtitleText.clean("{\\an8}Top line") == "Top line")
        #expect(SubtitleText.clean("a < b and c > d") == "a < b and c > d")
        #expect(SubtitleText.clean("Caf&#233; &lt;3") == "Café <3")
        #expect(SubtitleText.clean("{\\i1}One{\\i0}\\NTwo\\hthree", ass: true) == "One\nTwo three")
        #expect(SubtitleText.clean("  \n  ") == "")
    }

    @Test func decodesLatin1AndUTF16WhenNotUTF8() {
        #expect(SubtitleText.decode([0x47, 0x72, 0xFC, 0xDF, 0x65]) == "Grüße")
        #expect(SubtitleText.decode([0xFF, 0xFE, 0x48, 0x00, 0xE9, 0x00]) == "Hé")
        #expect(SubtitleText.decode([0xEF, 0xBB, 0xBF, 0x43, 0x61, 0x66, 0xC3, 0xA9]) == "Café")
    }

    @Test func readsDemuxedPacketPayloads() {
        let ass = Array("3,0,Default,,0,0,0,,{\\b1}Hi{\\b0}, you\\Nthere".utf8)
        #expect(SubtitleText.text(ofPacket: ass, payload: .assEvent) == "Hi, you\nthere")
        let movText: [UInt8] = [0x00, 0x05] + Array("Café".utf8) + [0x00, 0x00, 0x00, 0x0C] + Array("styl".utf8)
        #expect(SubtitleText.text(ofPacket: movText, payload: .movText) == "Café")
        #expect(SubtitleText.text(ofPacket: [0x00, 0x00], payload: .movText) == "")
        #expect(SubtitleText.text(ofPacket: [0x00, 0x40, 0x41], payload: .movText) == "A")
    }
}
