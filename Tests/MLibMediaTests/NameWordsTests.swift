import MLibCore
import Testing

@testable import MLibMedia

struct NameWordsTests {
    @Test(arguments: [
        // The documented example: generic folders and the home folder are dropped.
        ("/home/ana/Media/Trips/IMG_2041 redDress-cafe.jpg", "Trips IMG 2041 red Dress cafe"),
        ("/home/ana/beach.jpg", "beach"),
        ("/media/ana/USB/Lisbon/tram.mp4", "USB Lisbon tram"),
        ("/srv/archive/2023/Summer/pier.png", "2023 Summer pier"),
        ("/x.jpg", "x"),
        ("relative/name.txt", "relative name"),
        ("name.txt", "name"),
        ("/data/notes/HTMLParser notes.md", "HTML Parser notes"),
        ("/data/Trips/.hidden", "Trips hidden"),
        ("/data/Trips/diary 2024.06.01", "Trips diary 2024 06 01"),
        ("/data/Trips/archive.tar.gz", "Trips archive tar"),
        ("/data/旅行/夏日海滩2024.jpg", "旅行 夏日海滩 2024"),
        ("/data/Photos/Été à Nice.heic", "Été à Nice"),
    ])
    func words(path: String, expected: String) {
        #expect(NameWords.words(for: RawPath(path)) == expected)
    }

    @Test func invalidUTF8InNamesSeparatesWords() {
        let path = RawPath("/data/Trips").appending(component: Array("red".utf8) + [0xFF] + Array("dress.jpg".utf8))
        #expect(NameWords.words(for: path) == "Trips red dress")
    }

    @Test(arguments: [
        ("IMG_2041", "IMG 2041"),
        ("redDress", "red Dress"),
        ("GoPro4K", "Go Pro 4 K"),
        ("--__--", ""),
        ("", ""),
    ])
    func split(text: String, expected: String) {
        #expect(NameWords.split(text) == expected)
    }
}
