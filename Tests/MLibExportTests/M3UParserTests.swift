import MLibCore
import MLibExport
import Testing

@Suite struct M3UParserTests {
    private func parse(_ text: String, base: RawPath? = nil) -> [M3UEntry] {
        M3UParser(baseDirectory: base).parse(Array(text.utf8))
    }

    @Test func readsPlaylistsWrittenByOtherPlayers() {
        let entries = parse(
            "\u{FEFF}#EXTM3U\r\n#EXTINF:-1 tvg-id=\"x\" group-title=\"a,b\",Live, with comma\r\n"
                + "/srv/a.mp4\r\n\r\n# a comment\r\n#EXTINF:120.6,Long one\r\n/srv/b.mkv\r\n/srv/bare.avi\r\n")
        #expect(entries == [
            M3UEntry(path: RawPath("/srv/a.mp4"), duration: nil, title: "Live, with comma"),
            M3UEntry(path: RawPath("/srv/b.mkv"), duration: 121, title: "Long one"),
            M3UEntry(path: RawPath("/srv/bare.avi")),
        ])
    }

    @Test func decodesFileURIsToRawBytes() {
        let entries = parse("file:///a/b%20c.mp4\nfile://localhost/d/%C3%A9%ff.mp4\nFILE:///e/50%.mp4\n")
        #expect(entries.map(\.path) == [
            RawPath("/a/b c.mp4"),
            RawPath(bytes: Array("/d/".utf8) + [0xC3, 0xA9, 0xFF] + Array(".mp4".utf8)),
            RawPath("/e/50%.mp4"),
        ])
    }

    @Test func skipsRemoteEntriesButKeepsTheirNeighbours() {
        let entries = parse(
            "#EXTINF:10,Stream\nhttps://example.com/live.m3u8\nfile://otherhost/x.mp4\n#EXTINF:5,Local\n/l.mp4\n")
        #expect(entries == [M3UEntry(path: RawPath("/l.mp4"), duration: 5, title: "Local")])
    }

    @Test func resolvesRelativeEntriesAgainstTheBaseDirectory() {
        let entries = parse("clips/a.mp4\n/abs/b.mp4\n", base: RawPath("/home/ana/Playlists"))
        #expect(entries.map(\.path) == [RawPath("/home/ana/Playlists/clips/a.mp4"), RawPath("/abs/b.mp4")])
    }
}
