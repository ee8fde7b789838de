import MLibCore
import Testing

@Suite struct RawPathTests {
    @Test func bytesThatAreNotUTF8SurviveAndDisplayRepaired() {
        let path = RawPath(bytes: Array("/m/caf".utf8) + [0xE9] + Array(".txt".utf8))
        #expect(!path.isValidUTF8)
        #expect(path.string == "/m/caf\u{FFFD}.txt")
        #expect(path.bytes.count == 11)
    }

    @Test func displayStringKeepsOneLine() {
        #expect(RawPath("/m/odd\nname\t\u{7}.txt").displayString == "/m/odd\\nname\\t\\x07.txt")
    }

    @Test func componentsAndExtensions() {
        let path = RawPath("/home/ana/Media/Trip.2024/IMG_1.JPG")
        #expect(path.fileName == "IMG_1.JPG")
        #expect(path.pathExtension == "jpg")
        #expect(path.parent == RawPath("/home/ana/Media/Trip.2024"))
        #expect(path.replacingExtension(with: "xmp") == RawPath("/home/ana/Media/Trip.2024/IMG_1.xmp"))
        #expect(RawPath(".hidden").pathExtension == "")
        #expect(RawPath("/").parent == RawPath("/"))
    }

    @Test func insideMeansTheFolderOrBelowItNotASiblingPrefix() {
        #expect(RawPath("/a/b/c").isInside(RawPath("/a/b")))
        #expect(RawPath("/a/b").isInside(RawPath("/a/b")))
        #expect(!RawPath("/a/bc").isInside(RawPath("/a/b")))
    }
}
