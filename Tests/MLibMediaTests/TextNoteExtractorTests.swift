import Foundation
import MLibCore
import MLibTestSupport
import Testing

@testable import MLibMedia

struct TextNoteExtractorTests {
    static func fixture(_ name: String) throws -> Extraction {
        let file = try SourceFile(path: RawPath(Fixtures.path("notes/" + name)))
        return try TextNoteExtractor.extract(file, mime: "text/plain")
    }

    static func note(_ text: String, name: String = "note.txt") -> Extraction {
        TextNoteExtractor.note(Array(text.utf8), path: RawPath("/notes/" + name), mime: "text/plain")
    }

    static func texts(_ extraction: Extraction, _ field: EvidenceField) -> [String] {
        extraction.segments.filter { $0.field == field }.map(\.text)
    }

    // MARK: Fixtures

    @Test func markdownFrontMatterGivesTagsAndTheHeadingGivesTheTitle() throws {
        let note = try Self.fixture("beach-day.md")
        #expect(note.kind == .text)
        #expect(note.title == "Beach day in Lisbon")
        #expect(Self.texts(note, .title) == ["Beach day in Lisbon"])
        #expect(note.metadata["tags"] == ["summer", "sea side", "lisbon"])
        #expect(note.metadata["keywords"] == ["sand", "waves"])
        #expect(note.metadata["format"] == "markdown")
        #expect(Self.texts(note, .keywords) == ["summer, sea side, lisbon, sand, waves"])
        let body = Self.texts(note, .body).joined(separator: "\n")
        #expect(body.contains("grilled sardines"))
        #expect(!body.contains("tags:") && !body.contains("2024-07-14"))
    }

    @Test func orgTitleAndFileTags() throws {
        let note = try Self.fixture("garden.org")
        #expect(note.title == "Garden log")
        #expect(note.metadata["format"] == "org")
        #expect(note.metadata["tags"] == ["garden", "spring"])
        #expect(note.metadata["author"] == "Ana")
        let body = Self.texts(note, .body).joined()
        #expect(body.contains("south fence"))
        #expect(!body.contains("#+FILETAGS"))
    }

    @Test(arguments: [
        ("accents.txt", "utf-8", "Café notes", "crème brûlée"),
        ("utf8-bom.txt", "utf-8", "UTF-8 with a mark", "must not show"),
        ("utf16le.txt", "utf-16le", "Notes d'été", "plage de Biarritz"),
        ("utf16be.txt", "utf-16be", "Notes d'été", "plage de Biarritz"),
        ("latin1.txt", "windows-1252", "Résumé de la journée", "Café crème à Genève"),
        ("emoji.md", "utf-8", "Party 🎉", "balloons 🎈"),
        ("chinese.txt", "utf-8", "夏日海滩", "我们在夏日海滩散步"),
    ])
    func encodingsDecode(name: String, encoding: String, title: String, phrase: String) throws {
        let note = try Self.fixture(name)
        #expect(note.metadata["encoding"] == .string(encoding))
        #expect(note.title == title)
        #expect(Self.texts(note, .body).joined().contains(phrase))
        #expect(!note.segments.contains { $0.text.contains("\u{FEFF}") || $0.text.contains("\u{FFFD}") })
    }

    @Test func chineseNoteKeepsTheSeparateLine() throws {
        let note = try Self.fixture("chinese.txt")
        let body = Self.texts(note, .body).joined()
        #expect(body.split(separator: "\n").contains("海滩"))
        #expect(note.metadata["format"] == "plain")
    }

    @Test func crlfLinesBecomeNewlines() throws {
        let note = try Self.fixture("crlf.txt")
        #expect(note.title == "Shopping list")
        #expect(note.metadata["lines"] == 5)
        #expect(note.metadata["words"] == 5)
        #expect(!note.segments.contains { $0.text.contains("\r") })
        #expect(Self.texts(note, .body) == ["Shopping list\n\nmilk\nbread\neggs"])
    }

    @Test func longNotesSplitIntoPassagesOnParagraphs() throws {
        let note = try Self.fixture("long.md")
        let passages = Self.texts(note, .body)
        #expect(passages.count >= 5)
        #expect(passages.allSatisfy { $0.count <= PassageSplitter.maximumLength })
        #expect(passages.dropLast().allSatisfy { $0.count >= 800 })
        #expect(passages.dropFirst().allSatisfy { $0.hasPrefix("Paragraph ") })
        for number in 1...16 {
            #expect(passages.filter { $0.contains("Paragraph \(number). ") }.count == 1, "paragraph \(number)")
        }
        #expect(note.metadata["characters"]?.numberValue ?? 0 > 5_000)
    }

    // MARK: Titles

    @Test func frontMatterTitleWinsOverTheHeading() {
        let note = Self.note("---\ntitle: \"Real title\"\n---\n# Heading\n\ntext\n", name: "a.md")
        #expect(note.title == "Real title")
    }

    @Test func setextHeadingIsTheTitle() {
        let note = Self.note("Some intro line\n\nMy Title\n========\n\nbody text\n")
        // A setext heading makes the note Markdown, and the heading beats the first line.
        #expect(note.metadata["format"] == "markdown")
        #expect(note.title == "My Title")
    }

    @Test func headingsInsideCodeFencesAreNotTitles() {
        let note = Self.note("Install notes\n\n```\n# not a title\n```\n\n## Steps\n", name: "a.md")
        #expect(note.title == "Steps")
    }

    @Test func plainTextTakesTheFirstLineCutToLength() {
        let long = String(repeating: "word ", count: 60)
        let note = Self.note("\n\n   \(long)\nsecond line\n")
        let title = note.title ?? ""
        #expect(title.count <= TextNoteExtractor.titleLength + 1)
        #expect(title.hasSuffix("…"))
        #expect(title.hasPrefix("word word"))
    }

    @Test func orgIsRecognisedWithoutItsExtension() {
        let note = Self.note("#+TITLE: Reading list\n#+FILETAGS: :books:\n* Dune\n")
        #expect(note.metadata["format"] == "org")
        #expect(note.title == "Reading list")
        #expect(note.metadata["tags"] == ["books"])
    }

    // MARK: Front-matter

    @Test(arguments: [
        "tags: [a, \"b c\"]",
        "tags: a, b c",
        "tags:\n  - a\n  - \"b c\"",
        "tags:\n- a\n- b c",
    ])
    func tagListsInEveryYAMLForm(line: String) {
        let note = Self.note("---\n\(line)\n---\nbody\n", name: "n.md")
        #expect(note.metadata["tags"] == ["a", "b c"])
    }

    @Test func spaceSeparatedTagsAsJekyllReadsThem() {
        let note = Self.note("---\ntags: summer #beach\n---\nbody\n", name: "n.md")
        #expect(note.metadata["tags"] == ["summer", "beach"])
    }

    @Test func unclosedFrontMatterIsBodyText() {
        let note = Self.note("---\ntags: [a]\nno closing line\n", name: "n.md")
        #expect(note.metadata["tags"] == nil)
        #expect(Self.texts(note, .body).joined().contains("no closing line"))
    }

    @Test func tomlFrontMatter() {
        let note = Self.note("+++\ntitle = \"Hugo post\"\ntags = [\"x\", \"y\"]\n+++\nbody\n")
        #expect(note.title == "Hugo post")
        #expect(note.metadata["tags"] == ["x", "y"])
    }

    // MARK: Odd input

    @Test func nulAndControlBytesNeverReachTheIndex() {
        let bytes: [UInt8] = [0, 0, 0x41, 0x42, 0x00, 0x07, 0x43, 0x0A, 0x0A, 0x64, 0x65, 0x66, 0x0A]
        let note = TextNoteExtractor.note(bytes, path: RawPath("/n.txt"), mime: "text/plain")
        #expect(note.title == "AB C")
        #expect(!note.segments.contains { $0.text.unicodeScalars.contains { $0.value < 0x09 } })
    }

    @Test func windows1252QuotesDecode() {
        let note = TextNoteExtractor.note([0x93, 0x68, 0x69, 0x94, 0x20, 0x80, 0x35], path: RawPath("/n.txt"), mime: "text/plain")
        #expect(note.metadata["encoding"] == "windows-1252")
        #expect(note.title == "\u{201C}hi\u{201D} €5")
    }

    @Test func utf32WithMark() {
        var bytes: [UInt8] = [0xFF, 0xFE, 0, 0]
        for scalar in "Été 夏".unicodeScalars { bytes += withUnsafeBytes(of: scalar.value.littleEndian, Array.init) }
        let note = TextNoteExtractor.note(bytes, path: RawPath("/n.txt"), mime: "text/plain")
        #expect(note.metadata["encoding"] == "utf-32le")
        #expect(note.title == "Été 夏")
    }

    @Test func oneBrokenByteDoesNotTurnUTF8IntoMojibake() {
        let bytes = Array("café crème brûlée déjà vu ".utf8) + [0xFF] + Array(" fin".utf8)
        let note = TextNoteExtractor.note(bytes, path: RawPath("/n.txt"), mime: "text/plain")
        #expect(note.metadata["encoding"] == "utf-8")
        #expect(note.title?.hasPrefix("café crème brûlée") == true)
    }

    @Test func textWithoutSpacesIsCutIntoPassagesToo() {
        let chinese = String(repeating: "夏日海滩我们散步看日落", count: 400)  // 4,400 characters, no breaks
        let passages = Self.texts(Self.note(chinese), .body)
        #expect(passages.count == 3)
        #expect(passages.allSatisfy { $0.count <= PassageSplitter.maximumLength })
        #expect(passages.joined() == chinese)
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SeededGenerator(seed: 20240714)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let note = TextNoteExtractor.note(bytes, path: RawPath("/n.txt"), mime: "text/plain", truncated: Bool.random())
            #expect(note.kind == .text)
        }
    }

    @Test func orgOutlineHeadingIsTheTitleWithoutItsTags() {
        let note = Self.note("#+STARTUP: overview\n\n* Trip to Porto        :travel:family:\nTrain at nine.\n", name: "t.org")
        #expect(note.title == "Trip to Porto")
    }

    // MARK: Through the public extractor

    struct ThroughMediaExtractor {
        @Test func aNoteIsIndexedWithItsNameWords() throws {
            let note = try MediaExtractor().extract(RawPath(Fixtures.path("notes/beach-day.md")))
            #expect(note.kind == .text)
            #expect(note.mime == "text/plain")
            #expect(note.title == "Beach day in Lisbon")
            #expect(TextNoteExtractorTests.texts(note, .name).first?.hasSuffix("beach day") == true)
        }

        @Test func anEmptyFileFailsAsEmpty() {
            do {
                _ = try MediaExtractor().extract(RawPath(Fixtures.path("notes/empty.txt")))
                Issue.record("an empty file was extracted")
            } catch {
                #expect(error.code == .empty)
            }
        }

        @Test func randomBytesFailAsUnsupportedInOneLine() {
            do {
                _ = try MediaExtractor().extract(RawPath(Fixtures.path("notes/random.mp4")))
                Issue.record("random bytes were extracted")
            } catch {
                #expect(error.code == .unsupported)
                #expect(error.description.contains("random.mp4"))
                #expect(!error.description.contains("\n"))
            }
        }

        @Test func hugeNotesAreIndexedUpToTheLimit() throws {
            let folder = try TemporaryDirectory(prefix: "mlib-notes")
            defer { folder.remove() }
            let path = folder.path("huge.txt")
            let line = Data("The same line of a very long log, over and over again.\n".utf8)
            var data = Data()
            while data.count <= TextNoteExtractor.readLimit { data.append(line) }
            try data.write(to: URL(fileURLWithPath: path))
            let note = try MediaExtractor().extract(RawPath(path))
            #expect(note.metadata["truncated_to_bytes"] == .number(Double(TextNoteExtractor.readLimit)))
            #expect(note.metadata["encoding"] == "utf-8")
        }
    }
}
