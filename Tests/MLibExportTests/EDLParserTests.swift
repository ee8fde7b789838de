import MLibCore
import MLibExport
import Testing

@Suite struct EDLParserTests {
    private func parse(_ text: String) throws -> EDLDocument {
        try EDLParser().parse(Array(text.utf8))
    }

    @Test func readsListsWrittenByOtherEditors() throws {
        let list = try parse(
            "\u{FEFF}TITLE:   Reel One Cut  \r\nFCM: DROP FRAME\r\n\r\n"
                + "001  A001C003 V     C        01:02:03;04 01:02:05;00 00:59:58:00 00:59:59:26\r\n"
                + "M2   A001C003       048.0                01:02:03:04\r\n"
                + "* FROM CLIP NAME:  A001C003_220101.mov\r\n"
                + "*ASC_SOP (1 1 1)(0 0 0)(1 1 1)\r\n"
                + "002  BL       AA/V  D    015 00:00:00:00 00:00:01:00 00:59:59:26 01:00:00:26\r\n"
                + "* SOURCE FILE: /Volumes/Media/black.mov\r\n")
        #expect(list.title == "Reel One Cut")
        #expect(list.isDropFrame)
        #expect(list.events == [
            EDLEvent(
                number: 1, reel: "A001C003", track: "V", transition: "C",
                sourceIn: EDLTimecode(hours: 1, minutes: 2, seconds: 3, frames: 4),
                sourceOut: EDLTimecode(hours: 1, minutes: 2, seconds: 5, frames: 0),
                recordIn: EDLTimecode(hours: 0, minutes: 59, seconds: 58, frames: 0),
                recordOut: EDLTimecode(hours: 0, minutes: 59, seconds: 59, frames: 26),
                clipName: "A001C003_220101.mov", comments: ["ASC_SOP (1 1 1)(0 0 0)(1 1 1)"]),
            EDLEvent(
                number: 2, reel: "BL", track: "AA/V", transition: "D",
                sourceIn: EDLTimecode(hours: 0, minutes: 0, seconds: 0, frames: 0),
                sourceOut: EDLTimecode(hours: 0, minutes: 0, seconds: 1, frames: 0),
                recordIn: EDLTimecode(hours: 0, minutes: 59, seconds: 59, frames: 26),
                recordOut: EDLTimecode(hours: 1, minutes: 0, seconds: 0, frames: 26),
                sourceFile: "/Volumes/Media/black.mov"),
        ])
    }

    @Test func nonDropFrameAndMissingHeadersAreNotDropFrame() throws {
        #expect(try !parse("TITLE: a\nFCM: NON-DROP FRAME\n").isDropFrame)
        let bare = try parse("001 AX V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n")
        #expect(bare.title == nil && !bare.isDropFrame && bare.events.count == 1)
    }

    @Test func anEventLineWithoutFourTimecodesIsAnErrorNamingItsLine() {
        #expect(throws: EDLParseError(line: 3, text: "002  AX V C 00:00:00:00 00:00:01:00 01:00:00:00")) {
            try parse("TITLE: t\n001  AX V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n"
                + "002  AX V C 00:00:00:00 00:00:01:00 01:00:00:00\n")
        }
        #expect(throws: EDLParseError.self) {
            try parse("001  AX V C 00:00:00:00 00:00:01:00 01:00:00:00 01:61:01:00\n")
        }
    }

    @Test func timecodesAndFrameNumbersConvertBothWays() {
        for timebase in [24, 25, 30, 60] {
            for frame in [0, 1, timebase - 1, timebase, 3600 * timebase - 1, 3600 * timebase + 7, 99 * 3600 * timebase] {
                let timecode = EDLTimecode(frame: frame, timebase: timebase)
                #expect(timecode.frame(timebase: timebase) == frame)
                #expect(EDLTimecode(timecode.description) == timecode)
            }
        }
        #expect(EDLTimecode(frame: 108_224, timebase: 30).description == "01:00:07:14")
        #expect(EDLTimecode("1:02:03") == nil)
        #expect(EDLTimecode("00:60:00:00") == nil)
        #expect(EDLTimecode("00:00:0a:00") == nil)
    }
}
